package fm.catalog.common.http;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The If-Match precondition of a write. Our ETags are strong, {@code "<version>-<digest>"}: the
 * digest follows everything in the body (such as a guest's name inside an episode), while If-Match
 * compares the version alone, because a write only conflicts with changes to the resource itself.
 *
 * <p>If-Match uses the strong comparison of RFC 9110 (section 13.1.1): a weak tag {@code W/"..."}
 * never matches, so a write that offers only weak tags fails with 412. A tag that holds no version
 * we could be at (not digits, or past the range of a long) matches nothing either: 412, never an
 * error of ours.
 */
public final class IfMatch {
    public static final IfMatch NONE = new IfMatch(null);
    private static final Pattern TAG = Pattern.compile("(W/)?\"([^\"]*)\"");
    private static final Pattern VERSION = Pattern.compile("(\\d{1,19})(?:-.*)?", Pattern.DOTALL);

    private final List<Long> versions;

    private IfMatch(List<Long> versions) {
        this.versions = versions;
    }

    public static IfMatch parse(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            // "*" asks only that the resource exists, which every write checks anyway.
            return NONE;
        }
        List<Long> versions = new ArrayList<>();
        Matcher m = TAG.matcher(header);
        while (m.find()) {
            if (m.group(1) != null) {
                continue; // weak: never matches under strong comparison
            }
            Matcher version = VERSION.matcher(m.group(2));
            if (version.matches()) {
                try {
                    versions.add(Long.parseLong(version.group(1)));
                } catch (NumberFormatException e) {
                    // 19 digits past Long.MAX_VALUE: no resource is at that version
                }
            }
        }
        return new IfMatch(versions);
    }

    /** Throws a 412 problem unless the resource is still at a version the client has seen. */
    public void check(long currentVersion) {
        if (versions != null && !versions.contains(currentVersion)) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED,
                    "If-Match does not match the current version (" + currentVersion + "); read the resource again and retry."
                            + (versions.isEmpty() ? " If-Match needs a strong ETag as this API sends it; weak ones (W/) never match." : ""));
        }
    }
}
