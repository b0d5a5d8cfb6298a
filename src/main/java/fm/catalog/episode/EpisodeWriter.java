package fm.catalog.episode;

import fm.catalog.common.db.IdList;
import fm.catalog.common.persistence.DbClock;
import fm.catalog.common.problem.ApiException;
import fm.catalog.episode.EpisodeDtos.Audio;
import fm.catalog.episode.EpisodeDtos.ChapterItem;
import fm.catalog.episode.EpisodeDtos.EpisodeInput;
import fm.catalog.guest.Guest;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.topic.Topic;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

/**
 * How an episode input becomes rows, shared by single writes (EpisodeService) and bulk imports,
 * so that both apply the same defaults and rules.
 */
public final class EpisodeWriter {
    private EpisodeWriter() {
    }

    /**
     * The episode's own fields from an input: defaults (type full, status draft), the publication
     * rules (published without a date keeps the date it was published at, or is published now;
     * scheduled needs a date).
     *
     * @param pointer where the input sits in the request body, for problems ("" or "/episodes/3")
     */
    public static void applyFields(Episode episode, EpisodeInput input, String pointer) {
        Instant stored = episode.publishedAt;
        episode.number = input.number();
        episode.season = input.season();
        episode.type = input.type() == null ? EpisodeType.FULL : input.type();
        episode.title = input.title().strip();
        episode.summary = input.summary();
        episode.description = input.description();
        episode.status = input.status() == null ? EpisodeStatus.DRAFT : input.status();
        episode.publishedAt = input.publishedAt() == null ? null : input.publishedAt().truncatedTo(ChronoUnit.MICROS);
        if (episode.status == EpisodeStatus.SCHEDULED && episode.publishedAt == null) {
            throw ApiException.invalidField(pointer + "/publishedAt", "is required when status is scheduled");
        }
        if (episode.publishedAt == null) {
            episode.publishedAt = publicationDate(episode.status, stored);
        }
        episode.durationSeconds = input.durationSeconds();
        episode.audioUrl = input.audio() == null ? null : input.audio().url();
        episode.audioMimeType = input.audio() == null ? null : input.audio().mimeType();
        episode.audioSizeBytes = input.audio() == null ? null : input.audio().sizeBytes();
        episode.imageUrl = input.imageUrl();
        episode.explicit = Boolean.TRUE.equals(input.explicit());
        episode.language = input.language();
    }

    /**
     * The date of an episode written without one: a published episode keeps the date it already
     * has (unless that is still to come), so that writing it again does not move it; otherwise it
     * is published now. Other statuses have none.
     */
    public static Instant publicationDate(EpisodeStatus status, Instant stored) {
        if (status != EpisodeStatus.PUBLISHED) {
            return null;
        }
        Instant now = DbClock.now();
        return stored != null && !stored.isAfter(now) ? stored : now;
    }

    /** Drops the guests, topics and chapters of these episodes, before new ones are written. */
    public static void clearCredits(Collection<Long> episodeIds) {
        if (!episodeIds.isEmpty()) {
            IdList ids = IdList.of(episodeIds);
            EpisodeGuest.delete(ids.in("episode.id"), ids.values());
            EpisodeTopic.delete(ids.in("episode.id"), ids.values());
            Chapter.delete(ids.in("episode.id"), ids.values());
        }
    }

    /** Writes the guests (with the input's roles), topics and chapters of an episode, in order. */
    public static void addCredits(Episode episode, EpisodeInput input, List<Guest> guests, List<Topic> topics) {
        for (int i = 0; i < guests.size(); i++) {
            EpisodeGuest row = new EpisodeGuest();
            row.episode = episode;
            row.guest = guests.get(i);
            row.role = input.guests().get(i).role();
            row.position = i;
            row.persist();
        }
        for (int i = 0; i < topics.size(); i++) {
            EpisodeTopic row = new EpisodeTopic();
            row.episode = episode;
            row.topic = topics.get(i);
            row.position = i;
            row.persist();
        }
        List<ChapterItem> chapters = input.chapters() == null ? List.of() : input.chapters();
        for (int i = 0; i < chapters.size(); i++) {
            Chapter row = new Chapter();
            row.episode = episode;
            row.position = i;
            row.title = chapters.get(i).title().strip();
            row.startSeconds = chapters.get(i).startTime();
            row.persist();
        }
    }

    /**
     * The input with every default made explicit, so that two inputs that would store the same
     * episode compare equal (how an import knows an episode is unchanged).
     */
    public static EpisodeInput canonical(EpisodeInput in, String slug) {
        return new EpisodeInput(in.show(), in.guid() == null ? null : in.guid().strip(), in.slug() == null ? slug : in.slug(),
                in.number(), in.season(), in.type() == null ? EpisodeType.FULL : in.type(), in.title().strip(), in.summary(),
                in.description(), in.status() == null ? EpisodeStatus.DRAFT : in.status(),
                in.publishedAt() == null ? null : in.publishedAt().truncatedTo(ChronoUnit.MICROS), in.durationSeconds(),
                in.audio() == null ? null : new Audio(in.audio().url(), in.audio().mimeType(), in.audio().sizeBytes()),
                in.imageUrl(), Boolean.TRUE.equals(in.explicit()), in.language(),
                in.guests() == null ? List.of() : in.guests(), in.topics() == null ? List.of() : in.topics(),
                in.chapters() == null ? List.of() : in.chapters().stream().map(c -> new ChapterItem(c.title().strip(), c.startTime())).toList(),
                // link slugs are the catalog's own naming, not content an import states
                in.links() == null ? List.of() : in.links().stream().map(l -> new InlineLinkInput(null, l.kind(), l.title(), l.url())).toList());
    }
}
