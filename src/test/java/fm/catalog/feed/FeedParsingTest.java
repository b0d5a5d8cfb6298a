package fm.catalog.feed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.modules.atom.modules.AtomLinkModule;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.types.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Enclosure;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.WireFeedInput;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jdom2.Element;
import org.junit.jupiter.api.Test;

/** The feed as a real feed parser (ROME, with its iTunes and Atom modules) reads it. */
@QuarkusTest
class FeedParsingTest {

    private static Channel parse(byte[] feed) throws Exception {
        WireFeedInput input = new WireFeedInput();
        input.setXmlHealerOn(false);
        return (Channel) input.build(new InputStreamReader(new ByteArrayInputStream(feed), StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteChannelAndItemTagsThatAFeedParserReads() throws Exception {
        FeedFixtures.Catalog catalog = FeedFixtures.catalog();
        Channel channel = parse(FeedFixtures.feed(catalog.show()));
        assertEquals("rss_2.0", channel.getFeedType());
        assertEquals("Feed <Show> & Co", channel.getTitle());
        assertEquals("https://show.example.org", channel.getLink());
        assertEquals("About feeds", channel.getDescription());
        assertEquals("en", channel.getLanguage());
        FeedInformation show = (FeedInformation) channel.getModule(FeedInformation.URI);
        assertEquals("Mark Graban", show.getAuthor());
        assertEquals("https://img.example.org/show.jpg", show.getImageUri());
        assertEquals(Boolean.FALSE, show.getExplicitNullable());
        assertEquals(List.of("Business", "Technology"), show.getCategories().stream().map(Category::getName).toList());
        AtomLinkModule self = (AtomLinkModule) channel.getModule(AtomLinkModule.URI);
        assertEquals("self", self.getLink().getRel());
        assertTrue(self.getLink().getHref().endsWith("/feeds/" + catalog.show() + ".xml"), self.getLink().getHref());

        // newest first; the draft and the scheduled episode never appear
        assertEquals(List.of("feed-198", "feed-trailer"), channel.getItems().stream().map(i -> i.getGuid().getValue()).toList());
        Item item = channel.getItems().get(0);
        assertFalse(item.getGuid().isPermaLink());
        assertEquals("Leveraging <Failure> & more", item.getTitle());
        assertEquals(Instant.parse("2023-01-16T09:00:00Z"), item.getPubDate().toInstant());
        assertEquals("Short text", item.getDescription().getValue());
        assertEquals("<p>Long show notes</p>", item.getContent().getValue());
        Enclosure enclosure = item.getEnclosures().get(0);
        assertEquals("https://audio.example.org/198.mp3", enclosure.getUrl());
        assertEquals(38000000L, enclosure.getLength());
        assertEquals("audio/mpeg", enclosure.getType());
        EntryInformation itunes = (EntryInformation) item.getModule(EntryInformation.URI);
        assertEquals(2405L, itunes.getDuration().getMilliseconds() / 1000);
        assertEquals(198, itunes.getEpisode());
        assertEquals(2, itunes.getSeason());
        assertEquals("full", itunes.getEpisodeType());
        assertEquals(Boolean.TRUE, itunes.getExplicitNullable());
        assertEquals("https://img.example.org/198.jpg", itunes.getImageUri());
        assertEquals("Short text", itunes.getSummary());
        EntryInformation trailer = (EntryInformation) channel.getItems().get(1).getModule(EntryInformation.URI);
        assertEquals("trailer", trailer.getEpisodeType());
        assertEquals(0, trailer.getEpisode());

        // the Podcasting 2.0 tags, which ROME leaves as foreign markup
        List<Element> podcast = item.getForeignMarkup().stream().filter(e -> e.getNamespaceURI().equals(FeedWriter.PODCAST)).toList();
        List<Element> people = podcast.stream().filter(e -> e.getName().equals("person")).toList();
        assertEquals(List.of("host", "co-host", "guest", "guest host"), people.stream().map(e -> e.getAttributeValue("role")).toList());
        assertEquals(List.of("Host", "Cohost", "Guest", "Guest"), people.stream().map(e -> e.getTextTrim().split(" ")[0]).toList());
        assertEquals("https://guest.example.org", people.get(2).getAttributeValue("href"));
        assertEquals("https://img.example.org/guest.jpg", people.get(2).getAttributeValue("img"));
        assertEquals(null, people.get(1).getAttributeValue("href"), "no website, no href");
        Element chapters = podcast.stream().filter(e -> e.getName().equals("chapters")).findFirst().orElseThrow();
        assertEquals("application/json+chapters", chapters.getAttributeValue("type"));
        String episodeId = catalog.published().get(0).getString("id");
        assertTrue(chapters.getAttributeValue("url").endsWith("/v1/episodes/" + episodeId + "/chapters.json"), chapters.getAttributeValue("url"));
        String json = given().get(chapters.getAttributeValue("url").replaceFirst("^https?://[^/]+", "")).then().statusCode(200)
                .contentType("application/json+chapters").extract().asString();
        assertEquals(List.of("Intro", "The story"), io.restassured.path.json.JsonPath.from(json).getList("chapters.title"));
        // an episode without timed chapters points at none
        assertTrue(channel.getItems().get(1).getForeignMarkup().stream().noneMatch(e -> e.getName().equals("chapters")));
        // the episode's links, with their kinds
        AtomLinkModule links = (AtomLinkModule) item.getModule(AtomLinkModule.URI);
        assertEquals(List.of("https://video.example.org/198", "https://example.org/198.vtt"),
                links.getLinks().stream().map(l -> l.getHref()).toList());
        assertEquals(List.of("related", "related"), links.getLinks().stream().map(l -> l.getRel()).collect(Collectors.toList()));
        assertEquals(List.of("Watch it", "Transcript"), links.getLinks().stream().map(l -> l.getTitle()).toList());
    }

    @Test
    void shouldEscapeCatalogTextAndDropWhatXmlCannotHold() throws Exception {
        String show = fm.catalog.support.Fixtures.show().getString("slug");
        fm.catalog.support.Fixtures.episode(show, java.util.Map.of("title", "]]> </title><script>x</script> \u0001bell", "summary", "a & b"));
        Channel channel = parse(FeedFixtures.feed(show));
        assertEquals("]]> </title><script>x</script> bell", channel.getItems().get(0).getTitle());
    }
}
