package fm.catalog.embed;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import fm.catalog.common.http.Versioned;
import fm.catalog.episode.EpisodeDtos.EpisodeView;
import fm.catalog.episode.EpisodeDtos.GuestCreditView;
import fm.catalog.guest.GuestDtos.GuestView;
import fm.catalog.link.LinkDtos.LinkView;
import fm.catalog.show.ShowDtos.ShowView;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * schema.org JSON-LD of guests ({@code Person}), episodes ({@code PodcastEpisode}) and shows
 * ({@code PodcastSeries}), for Accept: application/ld+json on /v1 and inside the embed pages.
 * Built as plain maps and written by Jackson, so catalog text is always a JSON string.
 */
@Singleton
public class StructuredData {

    private static final String CONTEXT = "https://schema.org";

    private final WebUrls urls;
    private final ObjectMapper inHtml;

    public StructuredData(WebUrls urls, ObjectMapper mapper) {
        this.urls = urls;
        // Inside <script type="application/ld+json"> the HTML parser ends the block at "</script" whatever JSON
        // thinks of it: '<', '>' and '&' go out as \\u escapes, which mean the same to a JSON reader.
        this.inHtml = mapper.copy();
        this.inHtml.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    /** A JSON-LD document with the version and time of the resource it describes, for its ETag and Last-Modified. */
    public record Document(@JsonValue Map<String, Object> body, long version, Instant updatedAt) implements Versioned {
    }

    public Document of(Object view) {
        if (view instanceof GuestView g) return new Document(person(g), g.version(), g.updatedAt());
        if (view instanceof EpisodeView e) return new Document(episode(e), e.version(), e.updatedAt());
        if (view instanceof ShowView s) return new Document(series(s), s.version(), s.updatedAt());
        return null;
    }

    /** The document as text that is safe inside an HTML script data block. */
    public String forHtml(Document document) {
        try {
            return inHtml.writeValueAsString(document.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> person(GuestView guest) {
        Map<String, Object> doc = typed("Person");
        doc.put("@id", urls.guestPage(guest.id(), guest.slug()) + "#person");
        doc.put("name", guest.name());
        doc.put("url", urls.guestPage(guest.id(), guest.slug()));
        put(doc, "jobTitle", guest.headline());
        if (guest.organization() != null) {
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("@type", "Organization");
            org.put("name", guest.organization());
            doc.put("worksFor", org);
        }
        put(doc, "image", guest.imageUrl());
        put(doc, "description", guest.bio());
        List<String> sameAs = new ArrayList<>();
        if (guest.websiteUrl() != null) sameAs.add(guest.websiteUrl());
        guest.links().stream().map(LinkView::url).filter(u -> !sameAs.contains(u)).forEach(sameAs::add);
        if (!sameAs.isEmpty()) doc.put("sameAs", sameAs);
        return doc;
    }

    Map<String, Object> episode(EpisodeView episode) {
        Map<String, Object> doc = typed("PodcastEpisode");
        String page = urls.episodePage(episode.id(), episode.slug(), episode.show().slug());
        doc.put("@id", page + "#episode");
        doc.put("url", page);
        doc.put("name", episode.title());
        put(doc, "description", episode.summary() != null ? episode.summary() : episode.description());
        if (episode.publishedAt() != null) doc.put("datePublished", episode.publishedAt().toString());
        put(doc, "episodeNumber", episode.number());
        if (episode.season() != null) {
            Map<String, Object> season = new LinkedHashMap<>();
            season.put("@type", "PodcastSeason");
            season.put("seasonNumber", episode.season());
            doc.put("partOfSeason", season);
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("@type", "PodcastSeries");
        series.put("name", episode.show().title());
        series.put("url", urls.baseUrl() + "/v1/shows/" + episode.show().slug());
        series.put("webFeed", urls.baseUrl() + "/feeds/" + episode.show().slug() + ".xml");
        doc.put("partOfSeries", series);
        if (episode.durationSeconds() != null) doc.put("timeRequired", "PT" + episode.durationSeconds() + "S");
        if (episode.audio() != null) {
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("@type", "MediaObject");
            media.put("contentUrl", episode.audio().url());
            put(media, "encodingFormat", episode.audio().mimeType());
            put(media, "contentSize", episode.audio().sizeBytes());
            if (episode.durationSeconds() != null) media.put("duration", "PT" + episode.durationSeconds() + "S");
            doc.put("associatedMedia", media);
        }
        if (!episode.guests().isEmpty()) {
            doc.put("actor", episode.guests().stream().map(this::credit).toList());
        }
        if (!episode.topics().isEmpty()) {
            doc.put("keywords", episode.topics().stream().map(t -> t.name()).toList());
        }
        put(doc, "image", episode.imageUrl());
        put(doc, "inLanguage", episode.language());
        doc.put("isFamilyFriendly", !Boolean.TRUE.equals(episode.explicit()));
        return doc;
    }

    Map<String, Object> series(ShowView show) {
        Map<String, Object> doc = typed("PodcastSeries");
        doc.put("name", show.title());
        doc.put("url", show.websiteUrl() != null ? show.websiteUrl() : urls.baseUrl() + "/v1/shows/" + show.slug());
        put(doc, "description", show.description());
        put(doc, "image", show.imageUrl());
        if (show.author() != null) {
            Map<String, Object> author = new LinkedHashMap<>();
            author.put("@type", "Person");
            author.put("name", show.author());
            doc.put("author", author);
        }
        put(doc, "inLanguage", show.language());
        if (!show.categories().isEmpty()) doc.put("genre", show.categories());
        doc.put("webFeed", show.feedUrl());
        doc.put("isFamilyFriendly", !Boolean.TRUE.equals(show.explicit()));
        return doc;
    }

    /** Everyone credited on the episode, hosts included, each with the role the episode gives them. */
    private Map<String, Object> credit(GuestCreditView credit) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("@type", "Person");
        person.put("@id", urls.guestPage(credit.id(), credit.slug()) + "#person");
        person.put("name", credit.name());
        person.put("url", urls.guestPage(credit.id(), credit.slug()));
        put(person, "jobTitle", credit.headline());
        put(person, "image", credit.imageUrl());
        person.put("roleName", credit.role().wire());
        return person;
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", CONTEXT);
        doc.put("@type", type);
        return doc;
    }

    private static void put(Map<String, Object> doc, String name, Object value) {
        if (value != null) {
            doc.put(name, value);
        }
    }

    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private final int[] escapes;

        HtmlSafeEscapes() {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            // U+2028 and U+2029 end a line in old JavaScript parsers; harmless to escape for everyone else
            return ch == 0x2028 || ch == 0x2029 ? new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
