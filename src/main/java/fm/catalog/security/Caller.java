package fm.catalog.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who makes the current request, in the catalog's terms: a thin view of Quarkus's
 * {@link SecurityIdentity} (anonymous, or an API key or the bootstrap key with its scopes).
 * Scopes are checked as the identity's permissions, so an identity from any other mechanism that
 * grants the same permissions is treated alike. Meant for blocking code (services on worker threads).
 */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public boolean authenticated() {
        return !identity.isAnonymous();
    }

    /** A stable name of the key ("key:12" or "bootstrap"); null when anonymous. */
    public String principal() {
        return identity.isAnonymous() ? null : identity.getPrincipal().getName();
    }

    public boolean has(Scope scope) {
        return !identity.isAnonymous() && identity.checkPermissionBlocking(scope.permission());
    }

    /** Drafts, and episodes scheduled for later, are visible only to keys with read:drafts. */
    public boolean seesUnpublished() {
        return has(Scope.READ_DRAFTS);
    }
}
