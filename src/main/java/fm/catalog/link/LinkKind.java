package fm.catalog.link;

import com.fasterxml.jackson.annotation.JsonValue;
import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.persistence.WireEnumConverter;
import jakarta.persistence.Converter;

public enum LinkKind implements WireEnum {
    VIDEO, BLOG, ARTICLE, WEBSITE, SOCIAL, AUDIO, TRANSCRIPT, SUPPORT, OTHER;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wire();
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireEnumConverter<LinkKind> {
        public DbConverter() {
            super(LinkKind.class);
        }
    }
}
