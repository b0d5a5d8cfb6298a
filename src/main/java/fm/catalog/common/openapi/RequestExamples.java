package fm.catalog.common.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

/**
 * An example of every request body, by the schema it follows (or, for a body without one, its media
 * type). They form one story, so that they can be sent in order to an empty catalog as they are: a
 * show, a guest and a topic, then an episode naming them, a link on that episode, and imports into the
 * show. OpenApiContractTest sends every one of them; Spectral checks each against its schema.
 */
final class RequestExamples {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> BY_SCHEMA = Map.ofEntries(
            Map.entry("ShowInput", """
                    {"slug": "signal-path", "title": "Signal Path", "description": "Conversations about how software is run.",
                     "author": "Signal Path Media", "imageUrl": "https://signalpath.example/cover.jpg", "language": "en",
                     "categories": ["Technology"], "explicit": false, "websiteUrl": "https://signalpath.example"}"""),
            Map.entry("ShowPatch", """
                    {"description": "Weekly conversations about how software is run.", "categories": ["Technology", "Business"]}"""),
            Map.entry("GuestInput", """
                    {"slug": "ada-mensah", "name": "Ada Mensah", "headline": "Staff engineer, observability",
                     "organization": "Tracewell", "bio": "Ada builds tracing pipelines.",
                     "imageUrl": "https://signalpath.example/guests/ada.jpg", "websiteUrl": "https://ada.example"}"""),
            Map.entry("GuestPatch", """
                    {"headline": "Principal engineer, observability", "organization": null}"""),
            Map.entry("TopicInput", """
                    {"slug": "observability", "name": "Observability", "description": "Logs, metrics and traces."}"""),
            Map.entry("TopicPatch", """
                    {"description": "Logs, metrics, traces and what they are for."}"""),
            Map.entry("EpisodeInput", """
                    {"show": "signal-path", "guid": "signal-path-42", "slug": "tracing-without-tears", "number": 42, "season": 3,
                     "type": "full", "title": "Tracing without tears", "summary": "Ada Mensah on tracing a system you did not write.",
                     "status": "published", "publishedAt": "2024-03-01T10:00:00Z", "durationSeconds": 3120,
                     "audio": {"url": "https://signalpath.example/audio/42.mp3", "mimeType": "audio/mpeg", "sizeBytes": 49920000},
                     "explicit": false, "language": "en",
                     "guests": [{"ref": "ada-mensah", "role": "guest"}], "topics": ["observability"],
                     "chapters": [{"title": "Introduction", "startTime": 0}, {"title": "Sampling", "startTime": 610}],
                     "links": [{"kind": "blog", "title": "Ada's write-up", "url": "https://ada.example/tracing"}]}"""),
            Map.entry("EpisodePatch", """
                    {"summary": "Ada Mensah on tracing systems you did not write.", "season": null}"""),
            Map.entry("LinkInput", """
                    {"kind": "transcript", "title": "Transcript", "url": "https://signalpath.example/42/transcript",
                     "episode": "tracing-without-tears"}"""),
            Map.entry("LinkPatch", """
                    {"title": "Full transcript"}"""),
            Map.entry("ApiKeyInput", """
                    {"name": "nightly feed import", "scopes": ["write:catalog"]}"""),
            Map.entry("EpisodeImport", """
                    {"show": "signal-path", "dryRun": false, "atomic": true, "episodes": [
                      {"guid": "signal-path-43", "title": "Budgets for errors", "status": "published",
                       "publishedAt": "2024-03-08T10:00:00Z", "durationSeconds": 2880,
                       "guests": [{"slug": "ben-okafor", "name": "Ben Okafor", "role": "host"}, {"ref": "ada-mensah"}],
                       "topics": [{"ref": "observability"}, {"slug": "reliability", "name": "Reliability"}]}]}"""));

    /** Bodies without a schema of their own, by media type. */
    private static final Map<String, String> BY_MEDIA_TYPE = Map.of("application/rss+xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
              <channel>
                <title>Signal Path</title>
                <link>https://signalpath.example</link>
                <description>Conversations about how software is run.</description>
                <item>
                  <guid isPermaLink="false">signal-path-44</guid>
                  <title>Paging at three in the morning</title>
                  <pubDate>Fri, 15 Mar 2024 10:00:00 GMT</pubDate>
                  <enclosure url="https://signalpath.example/audio/44.mp3" type="audio/mpeg" length="41000000"/>
                  <itunes:duration>2700</itunes:duration>
                </item>
              </channel>
            </rss>
            """);

    private RequestExamples() {
    }

    /** Puts the example on each media type of the body that has one; leaves the others for the test to name. */
    static void addTo(RequestBody body) {
        if (body.getContent() == null) {
            return;
        }
        body.getContent().getMediaTypes().forEach((name, media) -> {
            String ref = media.getSchema() == null ? null : media.getSchema().getRef();
            String json = ref == null ? null : BY_SCHEMA.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (json != null) {
                media.setExample(parse(json));
            } else if (BY_MEDIA_TYPE.containsKey(name)) {
                media.setExample(BY_MEDIA_TYPE.get(name));
            }
        });
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An example in RequestExamples is not JSON: " + json, e);
        }
    }
}
