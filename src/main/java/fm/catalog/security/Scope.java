package fm.catalog.security;

import com.fasterxml.jackson.annotation.JsonValue;
import fm.catalog.common.persistence.WireEnum;

public enum Scope implements WireEnum {
    READ_DRAFTS("read:drafts"), WRITE_CATALOG("write:catalog"), ADMIN_KEYS("admin:keys");

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire;
    }
}
