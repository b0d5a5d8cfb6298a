package fm.catalog.feed;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a show's RSS 2.0 feed with the iTunes and Podcasting 2.0 tags, item by item as the rows
 * arrive, with a StAX writer: it escapes every text and attribute, so no catalog text can break
 * the document. What it writes is what fm.catalog.importing.RssParser reads back.
 */
final class FeedWriter implements FeedRows.Sink {
    static final String MEDIA_TYPE = "application/rss+xml";
    /**
     * The version of what this writer makes of the same rows. A feed's ETag is made of its rows' state, not of
     * its bytes (FeedResource): change it with any change to the output, or readers keep their old copy.
     */
    static final String FORMAT = "1";
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    /** Ours: the kind of an episode's link (video, blog, ...) on its atom:link, so that imports keep it. */
    static final String CATALOG = "urn:fm-catalog:feed:1.0";
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
    /** RFC 822 dates as RSS 2.0 wants them ("Mon, 16 Jan 2023 09:00:00 GMT"). */
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final XMLStreamWriter xml;
    private final String baseUrl;
    private Instant lastBuild;

    FeedWriter(OutputStream out, String baseUrl) throws XMLStreamException {
        this.xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        this.baseUrl = baseUrl;
    }

    /** The feed's own date, known only once its rows are read: written at the end of the channel. */
    void lastBuild(Instant lastBuild) {
        this.lastBuild = lastBuild;
    }

    @Override
    public void show(FeedRows.Show show) throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("rss");
        xml.writeAttribute("version", "2.0");
        xml.writeNamespace("itunes", ITUNES);
        xml.writeNamespace("podcast", PODCAST);
        xml.writeNamespace("atom", ATOM);
        xml.writeNamespace("content", CONTENT);
        xml.writeNamespace("catalog", CATALOG);
        xml.writeStartElement("channel");
        String self = baseUrl + "/feeds/" + show.slug() + ".xml";
        text("title", show.title());
        text("link", show.websiteUrl() != null ? show.websiteUrl() : self);
        text("description", show.description() != null ? show.description() : show.title());
        text("language", show.language());
        text("generator", "Podcast catalog");
        xml.writeEmptyElement(ATOM, "link");
        xml.writeAttribute("href", self);
        xml.writeAttribute("rel", "self");
        xml.writeAttribute("type", MEDIA_TYPE);
        text(ITUNES, "author", show.author());
        if (show.imageUrl() != null) {
            xml.writeEmptyElement(ITUNES, "image");
            xml.writeAttribute("href", clean(show.imageUrl()));
        }
        text(ITUNES, "explicit", String.valueOf(show.explicit()));
        for (String category : show.categories()) {
            xml.writeEmptyElement(ITUNES, "category");
            xml.writeAttribute("text", clean(category));
        }
    }

    @Override
    public void item(FeedRows.Item item) throws XMLStreamException {
        xml.writeStartElement("item");
        text("title", item.title());
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(clean(item.guid()));
        xml.writeEndElement();
        text("pubDate", RFC_822.format(item.publishedAt()));
        // the short text in description, the long one once, in content:encoded; RssParser takes the
        // summary from itunes:summary and the long text from content:encoded
        text("description", item.summary() != null ? item.summary() : item.description());
        text(CONTENT, "encoded", item.description());
        text(ITUNES, "summary", item.summary());
        if (item.audioUrl() != null) {
            xml.writeEmptyElement("enclosure");
            xml.writeAttribute("url", clean(item.audioUrl()));
            // both are required by RSS 2.0: 0 says "unknown", as feeds commonly do
            xml.writeAttribute("length", String.valueOf(item.audioSizeBytes() == null ? 0 : item.audioSizeBytes()));
            xml.writeAttribute("type", clean(item.audioMimeType() == null ? "audio/mpeg" : item.audioMimeType()));
        }
        text(ITUNES, "duration", item.duration() == null ? null : String.valueOf(item.duration()));
        text(ITUNES, "episode", item.number() == null ? null : String.valueOf(item.number()));
        text(ITUNES, "season", item.season() == null ? null : String.valueOf(item.season()));
        text(ITUNES, "episodeType", item.type());
        text(ITUNES, "explicit", String.valueOf(item.explicit()));
        if (item.imageUrl() != null) {
            xml.writeEmptyElement(ITUNES, "image");
            xml.writeAttribute("href", clean(item.imageUrl()));
        }
        for (FeedRows.Person person : item.people()) {
            xml.writeStartElement(PODCAST, "person");
            xml.writeAttribute("role", role(person.role()));
            xml.writeAttribute("group", "cast");
            if (person.websiteUrl() != null) {
                xml.writeAttribute("href", clean(person.websiteUrl()));
            }
            if (person.imageUrl() != null) {
                xml.writeAttribute("img", clean(person.imageUrl()));
            }
            xml.writeCharacters(clean(person.name()));
            xml.writeEndElement();
        }
        if (item.hasChapters()) {
            xml.writeEmptyElement(PODCAST, "chapters");
            xml.writeAttribute("url", baseUrl + "/v1/episodes/" + item.id() + "/chapters.json");
            xml.writeAttribute("type", "application/json+chapters");
        }
        for (FeedRows.Link link : item.links()) {
            xml.writeEmptyElement(ATOM, "link");
            xml.writeAttribute("rel", "related");
            xml.writeAttribute("href", clean(link.url()));
            if (link.title() != null) {
                xml.writeAttribute("title", clean(link.title()));
            }
            xml.writeAttribute(CATALOG, "kind", link.kind());
        }
        xml.writeEndElement();
    }

    void finish() throws XMLStreamException {
        text("lastBuildDate", lastBuild == null ? null : RFC_822.format(lastBuild));
        xml.writeEndElement(); // channel
        xml.writeEndElement(); // rss
        xml.writeEndDocument();
        xml.close();
    }

    /** Our roles in the Podcasting 2.0 person taxonomy (group "cast"). */
    static String role(String ours) {
        return switch (ours) {
            case "host" -> "host";
            case "cohost" -> "co-host";
            case "guest-host" -> "guest host";
            default -> "guest";
        };
    }

    private void text(String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement(name);
            xml.writeCharacters(clean(value));
            xml.writeEndElement();
        }
    }

    private void text(String namespace, String name, String value) throws XMLStreamException {
        if (value != null) {
            xml.writeStartElement(namespace, name);
            xml.writeCharacters(clean(value));
            xml.writeEndElement();
        }
    }

    /**
     * Drops the characters XML 1.0 cannot hold at all (control characters other than tab, line
     * feed and carriage return, lone surrogates): the writer escapes markup but would pass these
     * on, and one of them makes the whole feed unreadable.
     */
    static String clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!allowed(text, i)) {
                StringBuilder kept = new StringBuilder(text.length());
                for (int j = 0; j < text.length(); j++) {
                    if (allowed(text, j)) {
                        kept.append(text.charAt(j));
                    }
                }
                return kept.toString();
            }
        }
        return text;
    }

    private static boolean allowed(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20) {
            return c == '\t' || c == '\n' || c == '\r';
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c != 0xFFFE && c != 0xFFFF;
    }
}
