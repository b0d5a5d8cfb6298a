package fm.catalog.security;

import com.fasterxml.jackson.annotation.JsonValue;
import fm.catalog.common.persistence.WireEnum;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.StringPermission;
import java.security.Permission;

/**
 * What an API key may do. Each scope is granted to a caller as the permission that
 * {@code @PermissionsAllowed("<scope>")} checks: Quarkus reads "write:catalog" as the permission
 * "write" with the action "catalog".
 */
public enum Scope implements WireEnum {
    READ_DRAFTS("read:drafts"), WRITE_CATALOG("write:catalog"), ADMIN_KEYS("admin:keys");

    private final String wire;
    private final Permission permission;

    Scope(String wire) {
        this.wire = wire;
        int separator = wire.indexOf(PermissionsAllowed.PERMISSION_TO_ACTION_SEPARATOR);
        this.permission = new StringPermission(wire.substring(0, separator), wire.substring(separator + 1));
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    /** The permission a caller holding this scope is granted, equal to what @PermissionsAllowed(wire) requires. */
    public Permission permission() {
        return permission;
    }

    @Override
    public String toString() {
        return wire;
    }
}
