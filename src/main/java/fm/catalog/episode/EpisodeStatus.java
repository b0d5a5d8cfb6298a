package fm.catalog.episode;

import com.fasterxml.jackson.annotation.JsonValue;
import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.persistence.WireEnumConverter;
import jakarta.persistence.Converter;

public enum EpisodeStatus implements WireEnum {
    DRAFT, SCHEDULED, PUBLISHED;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase().replace('_', '-');
    }

    @Override
    public String toString() {
        return wire();
    }

    @Converter(autoApply = true)
    public static class DbConverter extends WireEnumConverter<EpisodeStatus> {
        public DbConverter() {
            super(EpisodeStatus.class);
        }
    }
}
