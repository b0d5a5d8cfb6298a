package fm.catalog.common.persistence;

import jakarta.persistence.AttributeConverter;

/** Stores a {@link WireEnum} by its wire spelling, which the schema's check constraints list. */
public abstract class WireEnumConverter<E extends Enum<E> & WireEnum> implements AttributeConverter<E, String> {
    private final Class<E> type;

    protected WireEnumConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.wire();
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : WireEnum.fromWire(type, value);
    }
}
