package fm.catalog.common.slug;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** URL-safe slugs: lowercase letters, digits and single dashes, with at least one letter. */
public final class Slugs {
    public static final int MAX_LENGTH = 120;
    /** Kept in step with the is_slug() check in the schema. */
    public static final String PATTERN = "^(?=[a-z0-9-]*[a-z])[a-z0-9]+(-[a-z0-9]+)*$";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Slugs() {
    }

    /**
     * A slug for a name or title. A text with no letters ("198") is prefixed with the kind of
     * resource so the result can never be mistaken for an id.
     */
    public static String from(String text, String kind) {
        String source = text == null ? "" : text;
        // ASCII has nothing to decompose: imports make thousands of slugs, most of them from ASCII names
        String folded = isAscii(source) ? source : MARKS.matcher(Normalizer.normalize(source, Normalizer.Form.NFKD)).replaceAll("");
        String slug = NOT_ALNUM.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimDashes(slug);
        if (slug.length() > MAX_LENGTH - 12) {
            slug = trimDashes(slug.substring(0, MAX_LENGTH - 12));
        }
        if (slug.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            slug = slug.isEmpty() ? kind : kind + "-" + slug;
        }
        return slug;
    }

    /** The n-th candidate when the plain slug is taken: {@code base-2}, {@code base-3}, ... */
    public static String numbered(String base, int n) {
        return n <= 1 ? base : base + "-" + n;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') start++;
        while (end > start && s.charAt(end - 1) == '-') end--;
        return s.substring(start, end);
    }
}
