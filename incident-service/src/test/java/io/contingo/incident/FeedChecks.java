package io.contingo.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a feed as a strict reader would, with the JDK's XML parser (namespace-aware, no DTDs), and fails on anything
 * the format requires that is missing or repeated: RFC 4287 for Atom (ids, titles, updated dates, an author for
 * every entry, tag URIs as RFC 4151 writes them), RSS 2.0 for RSS (the channel's title, link and description,
 * every item's guid and RFC 822 date).
 */
final class FeedChecks {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** RFC 4151: {@code tag:<DNS name or email>,<yyyy[-mm[-dd]]>:<specific>}. */
    private static final String TAG_URI = "tag:[a-z0-9.-]+,\\d{4}(-\\d{2}(-\\d{2})?)?:[\\x21-\\x7e]+";

    /** An entry or item as the test reads it. */
    record Entry(String id, String title, String link, String published, String updated) {
    }

    private FeedChecks() {
    }

    /** The entries of a valid RFC 4287 feed, in order; fails on the first rule the feed breaks. */
    static List<Entry> atom(String xml) throws Exception {
        Element feed = parse(xml).getDocumentElement();
        assertThat(feed.getNamespaceURI() + " " + feed.getLocalName()).isEqualTo(ATOM + " feed");
        assertOne(feed, "id");
        assertThat(text(feed, "id")).as("feed id").matches(TAG_URI);
        assertOne(feed, "title");
        assertThat(text(feed, "title")).as("feed title").isNotBlank();
        assertOne(feed, "updated");
        assertDate(text(feed, "updated"));
        for (String once : List.of("generator", "icon", "logo", "rights", "subtitle")) {
            assertThat(children(feed, once)).as("feed " + once).hasSizeLessThanOrEqualTo(1);
        }
        assertLinks(feed);
        assertThat(children(feed, "link")).as("a feed names itself (rel=self)").anyMatch(l -> l.getAttribute("rel").equals("self"));
        List<Element> feedAuthors = children(feed, "author");
        feedAuthors.forEach(FeedChecks::assertPerson);
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Element entry : children(feed, "entry")) {
            assertOne(entry, "id");
            String id = text(entry, "id");
            assertThat(id).as("entry id").matches(TAG_URI);
            assertThat(URI.create(id).isAbsolute()).isTrue();
            assertThat(ids.add(id)).as("entry ids are unique: " + id).isTrue();
            assertOne(entry, "title");
            assertOne(entry, "updated");
            assertDate(text(entry, "updated"));
            assertThat(children(entry, "published")).hasSizeLessThanOrEqualTo(1);
            children(entry, "published").forEach(p -> assertDate(p.getTextContent()));
            assertThat(children(entry, "content")).hasSizeLessThanOrEqualTo(1);
            assertThat(children(entry, "summary")).hasSizeLessThanOrEqualTo(1);
            List<Element> authors = children(entry, "author");
            authors.forEach(FeedChecks::assertPerson);
            assertThat(authors.size() + feedAuthors.size()).as("an author for entry " + id + " (its own or the feed's)").isPositive();
            assertLinks(entry);
            List<Element> alternates = children(entry, "link").stream().filter(l -> l.getAttribute("rel").isEmpty()
                    || l.getAttribute("rel").equals("alternate")).toList();
            if (children(entry, "content").isEmpty()) {
                assertThat(alternates).as("an entry without content has an alternate link").isNotEmpty();
            }
            children(entry, "content").forEach(c -> assertThat(c.getAttribute("type")).isIn("", "text", "html", "xhtml"));
            entries.add(new Entry(id, text(entry, "title"), alternates.isEmpty() ? null : alternates.getFirst().getAttribute("href"),
                    children(entry, "published").isEmpty() ? null : text(entry, "published"), text(entry, "updated")));
        }
        return entries;
    }

    /** The items of a valid RSS 2.0 feed, in order (id: the guid). */
    static List<Entry> rss(String xml) throws Exception {
        Element rss = parse(xml).getDocumentElement();
        assertThat(rss.getLocalName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        List<Element> channels = children(rss, null, "channel");
        assertThat(channels).hasSize(1);
        Element channel = channels.getFirst();
        for (String required : List.of("title", "link", "description")) {
            assertThat(children(channel, null, required)).as("channel " + required).hasSize(1);
            assertThat(children(channel, null, required).getFirst().getTextContent()).as("channel " + required).isNotBlank();
        }
        assertThat(URI.create(children(channel, null, "link").getFirst().getTextContent()).isAbsolute()).isTrue();
        children(channel, null, "lastBuildDate").forEach(d -> rfc822(d.getTextContent()));
        List<Entry> items = new ArrayList<>();
        Set<String> guids = new HashSet<>();
        for (Element item : children(channel, null, "item")) {
            assertThat(children(item, null, "title").size() + children(item, null, "description").size())
                    .as("an item has a title or a description").isPositive();
            List<Element> guid = children(item, null, "guid");
            assertThat(guid).hasSize(1);
            assertThat(guid.getFirst().getAttribute("isPermaLink")).isEqualTo("false");
            String id = guid.getFirst().getTextContent();
            assertThat(guids.add(id)).as("guids are unique: " + id).isTrue();
            List<Element> pubDate = children(item, null, "pubDate");
            assertThat(pubDate).hasSize(1);
            rfc822(pubDate.getFirst().getTextContent());
            String link = children(item, null, "link").isEmpty() ? null : children(item, null, "link").getFirst().getTextContent();
            items.add(new Entry(id, children(item, null, "title").getFirst().getTextContent(), link, pubDate.getFirst().getTextContent(), null));
        }
        return items;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 3339, as RFC 4287 asks: a date, "T", a time, an offset or "Z", in upper case. */
    private static void assertDate(String text) {
        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
        OffsetDateTime.parse(text);
    }

    private static void rfc822(String text) {
        assertThat(text).as("an RFC 822 date").matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} (GMT|[+-]\\d{4})");
        DateTimeFormatter.RFC_1123_DATE_TIME.parse(text);
    }

    /** A person construct: exactly one name. */
    private static void assertPerson(Element person) {
        assertOne(person, "name");
        assertThat(text(person, "name")).isNotBlank();
    }

    /** Every link has an href; at most one alternate link per type and language. */
    private static void assertLinks(Element parent) {
        Set<String> alternates = new HashSet<>();
        for (Element link : children(parent, "link")) {
            assertThat(link.getAttribute("href")).as("link href").isNotBlank();
            if (link.getAttribute("rel").isEmpty() || link.getAttribute("rel").equals("alternate")) {
                assertThat(alternates.add(link.getAttribute("type") + "|" + link.getAttribute("hreflang")))
                        .as("one alternate link per type and language").isTrue();
            }
        }
    }

    private static void assertOne(Element parent, String name) {
        assertThat(children(parent, name)).as(parent.getLocalName() + " has exactly one " + name).hasSize(1);
    }

    private static String text(Element parent, String name) {
        return children(parent, name).getFirst().getTextContent();
    }

    private static List<Element> children(Element parent, String name) {
        return children(parent, ATOM, name);
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName()) && java.util.Objects.equals(namespace, e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }
}
