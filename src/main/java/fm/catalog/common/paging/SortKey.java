package fm.catalog.common.paging;

/**
 * One sort order of a list: its public name ("-publishedAt"), the SQL expression it orders by,
 * the direction, and the SQL type the cursor value is cast back to. Every expression has an
 * index (see the migrations), and the id breaks ties so that keyset paging never skips a row.
 */
public record SortKey(String name, String expression, boolean descending, String sqlType) {

    public static SortKey asc(String name, String expression, String sqlType) {
        return new SortKey(name, expression, false, sqlType);
    }

    public static SortKey desc(String name, String expression, String sqlType) {
        return new SortKey(name, expression, true, sqlType);
    }
}
