package fm.catalog.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.EnumSet;
import java.util.Set;

/** Who makes the current request: anonymous, or an API key (or the bootstrap key) with its scopes. */
@RequestScoped
public class Caller {
    private String principal;
    private Set<Scope> scopes = EnumSet.noneOf(Scope.class);

    void authenticate(String principal, Set<Scope> scopes) {
        this.principal = principal;
        this.scopes = scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
    }

    public boolean authenticated() {
        return principal != null;
    }

    /** A stable name of the key ("key:12" or "bootstrap"); null when anonymous. */
    public String principal() {
        return principal;
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Drafts, and episodes scheduled for later, are visible only to keys with read:drafts. */
    public boolean seesUnpublished() {
        return has(Scope.READ_DRAFTS);
    }
}
