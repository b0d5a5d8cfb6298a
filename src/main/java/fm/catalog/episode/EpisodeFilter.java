package fm.catalog.episode;

import fm.catalog.common.paging.QueryParams;
import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.slug.Ref;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The filters of an episode list, parsed from query parameters. {@code scope} names the one ref
 * that came from the path (/v1/shows/{ref}/episodes), which is a 404 when unknown rather than 400.
 */
public record EpisodeFilter(Ref show, Ref guest, Ref topic, Integer season, EpisodeType type, EpisodeStatus status,
                            Instant publishedAfter, Instant publishedBefore, Instant updatedSince, String guid, String q,
                            String scope) {

    public static EpisodeFilter of(String show, String guest, String topic, String season, String type, String status,
                                   String publishedAfter, String publishedBefore, String updatedSince, String guid, String q) {
        return new EpisodeFilter(ref(show), ref(guest), ref(topic), QueryParams.integer("season", season, 0, Integer.MAX_VALUE),
                wire(EpisodeType.class, "type", type), wire(EpisodeStatus.class, "status", status),
                QueryParams.instant("publishedAfter", publishedAfter), QueryParams.instant("publishedBefore", publishedBefore),
                QueryParams.instant("updatedSince", updatedSince), blankToNull(guid), blankToNull(q), null);
    }

    /** No filter at all: every episode the caller may see. */
    public static EpisodeFilter none() {
        return new EpisodeFilter(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public EpisodeFilter scopedTo(String kind, String ref) {
        Ref r = Ref.parse(ref);
        return switch (kind) {
            case "show" -> new EpisodeFilter(r, guest, topic, season, type, status, publishedAfter, publishedBefore, updatedSince, guid, q, kind);
            case "guest" -> new EpisodeFilter(show, r, topic, season, type, status, publishedAfter, publishedBefore, updatedSince, guid, q, kind);
            case "topic" -> new EpisodeFilter(show, guest, r, season, type, status, publishedAfter, publishedBefore, updatedSince, guid, q, kind);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static Ref ref(String value) {
        return value == null || value.isBlank() ? null : Ref.parse(value.trim());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static <E extends Enum<E> & WireEnum> E wire(Class<E> type, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        E e = WireEnum.fromWire(type, value.trim());
        if (e == null) {
            throw ApiException.invalidParameter(name, "must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", ")));
        }
        return e;
    }
}
