package fm.catalog.common.persistence;

/** An enum whose values are spelt the same on the wire and in the database ("guest-host"). */
public interface WireEnum {
    String wire();

    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(value)) {
                return e;
            }
        }
        return null;
    }
}
