package fm.catalog.importing;

import fm.catalog.common.persistence.WireEnum;
import fm.catalog.common.problem.ApiException;
import fm.catalog.common.problem.ProblemType;
import fm.catalog.episode.EpisodeDtos.Audio;
import fm.catalog.episode.EpisodeStatus;
import fm.catalog.episode.EpisodeType;
import fm.catalog.episode.GuestRole;
import fm.catalog.importing.ImportDtos.ImportGuest;
import fm.catalog.importing.ImportDtos.ImportItem;
import fm.catalog.link.LinkDtos.InlineLinkInput;
import fm.catalog.link.LinkKind;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the items of an RSS 2.0 feed with iTunes and Podcasting 2.0 tags into import items. A
 * streaming parser that refuses any DTD: no external entities (XXE) and no entity expansion
 * (billion laughs) can happen, because no entity can be declared.
 */
final class RssParser {
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The namespace in which our own feeds (fm.catalog.feed) give the kind of an item's atom:link. */
    static final String CATALOG = "urn:fm-catalog:feed:1.0";
    /** A feed is imported in one transaction; 20 MiB holds some thousands of items. */
    static final int MAX_ITEMS = 10_000;
    private static final XMLInputFactory FACTORY = factory();

    private RssParser() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not loaded");
        });
        try {
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        } catch (IllegalArgumentException e) {
            // not every StAX implementation knows the JAXP property; the settings above already refuse DTDs
        }
        return factory;
    }

    /** The feed's items, in order; each is handed to {@code onItem} as soon as it is read. */
    static List<ImportItem> parse(InputStream body, Consumer<ImportItem> onItem) {
        List<ImportItem> items = new ArrayList<>();
        try {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(body);
            boolean sawRss = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw bad("Document type declarations (DTDs) are not accepted in feeds.");
                }
                if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw bad("Entity references other than the XML built-ins are not accepted in feeds.");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (xml.getLocalName().equals("rss")) {
                        sawRss = true;
                    } else if (xml.getLocalName().equals("item") && (xml.getNamespaceURI() == null || xml.getNamespaceURI().isEmpty())) {
                        if (items.size() == MAX_ITEMS) {
                            // while reading: the rest of the feed is neither read nor handed on
                            throw bad("A feed may hold at most " + MAX_ITEMS + " items; import it in parts.");
                        }
                        ImportItem item = item(xml);
                        items.add(item);
                        onItem.accept(item);
                    }
                }
            }
            if (!sawRss) {
                throw bad("The body is not an RSS feed (no <rss> element).");
            }
        } catch (XMLStreamException e) {
            throw bad("The feed is not well-formed XML"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ")") + ".");
        }
        return items;
    }

    private static ImportItem item(XMLStreamReader xml) throws XMLStreamException {
        String guid = null;
        String link = null;
        String title = null;
        String description = null;
        String encoded = null;
        String summary = null;
        String subtitle = null;
        Instant published = null;
        Audio audio = null;
        Integer duration = null;
        Integer number = null;
        Integer season = null;
        EpisodeType type = null;
        Boolean explicit = null;
        String image = null;
        List<ImportGuest> guests = new ArrayList<>();
        List<InlineLinkInput> links = new ArrayList<>();
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw bad("Entity references other than the XML built-ins are not accepted in feeds.");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String ns = xml.getNamespaceURI() == null ? "" : xml.getNamespaceURI();
            String name = xml.getLocalName();
            if (ns.isEmpty()) {
                switch (name) {
                    case "guid" -> guid = text(xml);
                    case "link" -> link = text(xml);
                    case "title" -> title = text(xml);
                    case "description" -> description = text(xml);
                    case "pubDate" -> published = date(text(xml));
                    case "enclosure" -> {
                        audio = new Audio(attr(xml, "url"), attr(xml, "type"), longOrNull(attr(xml, "length")));
                        skip(xml);
                    }
                    default -> skip(xml);
                }
            } else if (ns.equals(ITUNES)) {
                switch (name) {
                    case "duration" -> duration = duration(text(xml));
                    case "episode" -> number = intOrNull(text(xml));
                    case "season" -> season = intOrNull(text(xml));
                    case "episodeType" -> type = episodeType(text(xml));
                    case "explicit" -> explicit = explicit(text(xml));
                    case "summary" -> summary = text(xml);
                    case "subtitle" -> subtitle = text(xml);
                    case "title" -> {
                        String t = text(xml);
                        title = title == null ? t : title;
                    }
                    case "image" -> {
                        image = attr(xml, "href");
                        skip(xml);
                    }
                    default -> skip(xml);
                }
            } else if (ns.equals(PODCAST)) {
                switch (name) {
                    case "person" -> {
                        GuestRole role = role(attr(xml, "role"));
                        String img = attr(xml, "img");
                        String href = attr(xml, "href");
                        String person = text(xml);
                        if (role != null && person != null && !person.isBlank()) {
                            guests.add(new ImportGuest(null, null, null, person.strip(), null, null, img, href, role));
                        }
                    }
                    case "chapters" -> {
                        links.add(new InlineLinkInput(null, LinkKind.OTHER, "Chapters", attr(xml, "url")));
                        skip(xml);
                    }
                    case "transcript" -> {
                        String kind = attr(xml, "type");
                        links.add(new InlineLinkInput(null, LinkKind.TRANSCRIPT, kind == null ? "Transcript" : "Transcript (" + kind + ")",
                                attr(xml, "url")));
                        skip(xml);
                    }
                    case "season" -> season = intOrNull(text(xml));
                    case "episode" -> {
                        Integer n = intOrNull(text(xml));
                        number = number == null ? n : number;
                    }
                    default -> skip(xml);
                }
            } else if (ns.equals(CONTENT) && name.equals("encoded")) {
                encoded = text(xml);
            } else if (ns.equals(ATOM) && name.equals("link") && "related".equals(attr(xml, "rel")) && attr(xml, "href") != null) {
                // an item's links to elsewhere (our feeds write an episode's links so); the kind when the feed says it
                LinkKind kind = WireEnum.fromWire(LinkKind.class, xml.getAttributeValue(CATALOG, "kind"));
                links.add(new InlineLinkInput(null, kind == null ? LinkKind.OTHER : kind, attr(xml, "title"), attr(xml, "href")));
                skip(xml);
            } else {
                skip(xml);
            }
        }
        String itemGuid = guid != null && !guid.isBlank() ? guid.strip() : audio != null && audio.url() != null ? audio.url() : link;
        String shortText = subtitle != null ? subtitle : summary;
        String longText = encoded != null ? encoded : description != null ? description : summary;
        return new ImportItem(itemGuid, null, number, season, type, title == null ? null : title.strip(),
                shortText == null ? null : truncate(shortText.strip(), 4000), longText, EpisodeStatus.PUBLISHED,
                published, duration, audio, image, explicit, null, guests, null, null, links);
    }

    private static String text(XMLStreamReader xml) throws XMLStreamException {
        return xml.getElementText();
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            if (event == XMLStreamConstants.END_ELEMENT) depth--;
            if (event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw bad("Entity references other than the XML built-ins are not accepted in feeds.");
            }
        }
    }

    private static String attr(XMLStreamReader xml, String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text.strip(), DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss z", Locale.ENGLISH)).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** itunes:duration is seconds ("2400") or [HH:]MM:SS. */
    static Integer duration(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int seconds = 0;
            for (String part : text.strip().split(":")) {
                seconds = Math.addExact(Math.multiplyExact(seconds, 60), Math.toIntExact(Math.round(Double.parseDouble(part))));
            }
            return seconds;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static EpisodeType episodeType(String text) {
        return text == null ? null : switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "trailer" -> EpisodeType.TRAILER;
            case "bonus" -> EpisodeType.BONUS;
            default -> EpisodeType.FULL;
        };
    }

    private static Boolean explicit(String text) {
        return text == null ? null : switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "explicit" -> true;
            default -> false;
        };
    }

    /** Podcasting 2.0 person roles (its taxonomy) to ours; other roles (producer, editor) are not guests. */
    private static GuestRole role(String role) {
        String r = role == null ? "host" : role.strip().toLowerCase(Locale.ROOT);
        return switch (r) {
            case "host" -> GuestRole.HOST;
            case "co-host", "cohost" -> GuestRole.COHOST;
            case "guest" -> GuestRole.GUEST;
            case "guest host", "guest-host" -> GuestRole.GUEST_HOST;
            default -> null;
        };
    }

    private static Integer intOrNull(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longOrNull(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static ApiException bad(String detail) {
        return new ApiException(ProblemType.BAD_REQUEST, detail);
    }
}
