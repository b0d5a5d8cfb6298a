package fm.catalog.common.http;

import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The If-Match precondition of a write. Our ETags are {@code "<version>-<digest>"}: the digest
 * follows everything in the body (such as a guest's name inside an episode), while If-Match
 * compares the version alone, because a write only conflicts with changes to the resource itself.
 */
public final class IfMatch {
    public static final IfMatch NONE = new IfMatch(null);
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"(\\d+)(?:-[^\"]*)?\"");

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
            versions.add(Long.parseLong(m.group(1)));
        }
        return new IfMatch(versions);
    }

    /** Throws a 412 problem unless the resource is still at a version the client has seen. */
    public void check(long currentVersion) {
        if (versions != null && !versions.contains(currentVersion)) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED,
                    "If-Match does not match the current version (" + currentVersion + "); read the resource again and retry.");
        }
    }
}
