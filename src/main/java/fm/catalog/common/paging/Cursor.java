package fm.catalog.common.paging;

import fm.catalog.common.problem.ApiException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The position after the last item of a page: the sort it belongs to, that item's sort value and
 * its id (the tie-breaker). Opaque to clients; base64url so it travels in a query string as is.
 *
 * <p>A client can still decode and forge one, and the value is cast back to the sort's SQL type in
 * the keyset condition. So a decoded cursor is checked here against what PostgreSQL prints for that
 * type ({@code cast(x as text)}): a value it could not cast back would otherwise be a database
 * error, that is a 500, instead of the 400 it deserves.
 */
record Cursor(String sort, String value, long id) {

    /**
     * More than any cursor we hand out needs: the longest values are titles and names of at most
     * 300 UTF-16 units, 900 bytes of UTF-8, some 1,250 characters of base64 with sort and id.
     */
    static final int MAX_TOKEN_LENGTH = 2048;

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern REAL = Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?");

    /**
     * timestamptz as PostgreSQL prints it with DateStyle ISO (what the JDBC driver sets):
     * "2024-03-01 10:00:00+00", "2024-03-01 10:00:00.123456+05:30", "0044-03-15 12:00:00+00 BC".
     */
    private static final DateTimeFormatter TIMESTAMPTZ = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 6, SignStyle.NOT_NEGATIVE).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral(' ')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            // "+00", "+05:30", "+00:53:28" (local mean time of old dates); "Z" only stands for "no
            // offset text", which PostgreSQL never prints, and is refused below.
            .appendOffset("+HH:mm:ss", "Z")
            .optionalStart().appendLiteral(" BC").parseDefaulting(ChronoField.ERA, 0).optionalEnd()
            .parseDefaulting(ChronoField.ERA, 1)
            .toFormatter().withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);

    String encode() {
        String plain = sort + '\n' + id + '\n' + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in a request, checked to belong to {@code sort} and to hold a value of its SQL type. */
    static Cursor decode(String token, SortKey sort) {
        String[] parts = split(token);
        if (parts == null || !ID.matcher(parts[1]).matches()) {
            throw notOurs();
        }
        if (!parts[0].equals(sort.name())) {
            throw ApiException.invalidParameter("cursor", "belongs to another sort order; start again without it");
        }
        if (!castable(parts[2], sort.sqlType())) {
            throw notOurs();
        }
        return new Cursor(parts[0], parts[2], Long.parseLong(parts[1]));
    }

    private static String[] split(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            // Strict UTF-8: a forged token with broken bytes is refused rather than patched with U+FFFD.
            String plain = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // PostgreSQL text cannot hold U+0000.
            if (plain.indexOf('\u0000') >= 0) {
                return null;
            }
            String[] parts = plain.split("\n", 3);
            return parts.length == 3 ? parts : null;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /** Whether {@code cast(value as sqlType)} succeeds in PostgreSQL. */
    static boolean castable(String value, String sqlType) {
        return switch (sqlType) {
            case "text" -> true;
            case "integer" -> wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case "bigint" -> wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
            case "real" -> finiteReal(value);
            case "timestamptz" -> timestamptz(value);
            default -> throw new IllegalStateException("No cursor check for SQL type " + sqlType);
        };
    }

    private static boolean wholeNumber(String value, long min, long max) {
        if (!INTEGER.matcher(value).matches()) {
            return false;
        }
        try {
            long n = Long.parseLong(value);
            return n >= min && n <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** ts_rank's output: finite, and not so small that PostgreSQL's real would underflow to an error. */
    private static boolean finiteReal(String value) {
        if (!REAL.matcher(value).matches()) {
            return false;
        }
        float f = Float.parseFloat(value);
        if (Float.isInfinite(f)) {
            return false;
        }
        String mantissa = value.split("[eE]")[0];
        return f != 0 || mantissa.chars().noneMatch(c -> c >= '1' && c <= '9');
    }

    private static boolean timestamptz(String value) {
        if (value.endsWith("Z")) {
            return false;
        }
        try {
            int year = OffsetDateTime.from(TIMESTAMPTZ.parse(value)).getYear();
            // PostgreSQL's timestamptz runs from 4713 BC (year -4712) to 294276 AD; a year short of
            // either end keeps offsets from pushing a value past it.
            return year > -4712 && year < 294276;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static ApiException notOurs() {
        return ApiException.invalidParameter("cursor", "is not a cursor this API gave out");
    }
}
