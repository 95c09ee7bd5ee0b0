package io.contingo.incident.statuspage;

import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.contingo.events.IncidentSnapshot;
import io.contingo.incident.catalog.Catalog;

/**
 * The incident history as feeds, as Statuspage publishes them: {@code /history.atom} (Atom, RFC 4287) and
 * {@code /history.rss} (RSS 2.0), one entry per incident with its public updates. Text is escaped twice over where
 * the formats ask for it: the entry's HTML escapes the incident's text, and the XML writer escapes that HTML.
 * <p>
 * Every entry has a tag URI (RFC 4151) for its id, {@code tag:<host>,<yyyy-mm-dd>:incident/<id>}, made of the
 * page's host and the day the incident was opened: it never changes, and two instances write the same. The
 * feed's author is the status page, which covers every entry.
 */
@RestController
class HistoryFeedController {

    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");
    private static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    /** The year in the feed's own tag URI: it names the feed, so it never changes. */
    private static final String FEED_TAG_YEAR = "2026";

    private final PublicView view;
    private final Catalog catalog;
    private final PageTime time;

    HistoryFeedController(PublicView view, Catalog catalog, PageTime time) {
        this.view = view;
        this.catalog = catalog;
        this.time = time;
    }

    @GetMapping("/history.atom")
    ResponseEntity<String> atom() throws XMLStreamException {
        return feed(ATOM, this::writeAtom);
    }

    @GetMapping("/history.rss")
    ResponseEntity<String> rss() throws XMLStreamException {
        return feed(RSS, this::writeRss);
    }

    /** Writes one of the feeds' documents. */
    private interface Document {
        void write(XMLStreamWriter xml, String base, List<IncidentSnapshot> recent) throws XMLStreamException;
    }

    private ResponseEntity<String> feed(MediaType type, Document document) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        document.write(xml, base(), view.now().recent());
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(type)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(10)).cachePublic()).body(out.toString());
    }

    private void writeAtom(XMLStreamWriter xml, String base, List<IncidentSnapshot> recent) throws XMLStreamException {
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM_NS);
        xml.writeAttribute("xml:lang", "en");
        element(xml, "id", "tag:" + host() + "," + FEED_TAG_YEAR + ":history");
        link(xml, "alternate", "text/html", base);
        link(xml, "self", "application/atom+xml", base + "/history.atom");
        element(xml, "title", title());
        element(xml, "updated", updated(recent).toString());
        xml.writeStartElement("author");
        element(xml, "name", catalog.page().name());
        element(xml, "uri", base);
        xml.writeEndElement();
        for (IncidentSnapshot incident : recent) {
            xml.writeStartElement("entry");
            element(xml, "id", id(incident));
            element(xml, "published", incident.createdAt().toString());
            element(xml, "updated", StatusSummary.lastChange(incident).toString());
            link(xml, "alternate", "text/html", base + "/incidents/" + incident.id());
            element(xml, "title", incident.name());
            element(xml, "content", "type", "html", content(incident));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private void writeRss(XMLStreamWriter xml, String base, List<IncidentSnapshot> recent) throws XMLStreamException {
        xml.writeStartElement("rss");
        xml.writeAttribute("version", "2.0");
        xml.writeNamespace("atom", ATOM_NS);
        xml.writeStartElement("channel");
        element(xml, "title", title());
        element(xml, "link", base);
        element(xml, "description", "Incidents reported on the " + catalog.page().name() + " status page");
        element(xml, "language", "en");
        element(xml, "lastBuildDate", rfc822(updated(recent)));
        xml.writeEmptyElement("atom", "link", ATOM_NS);
        xml.writeAttribute("href", base + "/history.rss");
        xml.writeAttribute("rel", "self");
        xml.writeAttribute("type", "application/rss+xml");
        for (IncidentSnapshot incident : recent) {
            xml.writeStartElement("item");
            element(xml, "title", incident.name());
            element(xml, "description", content(incident));
            element(xml, "pubDate", rfc822(incident.createdAt()));
            element(xml, "link", base + "/incidents/" + incident.id());
            element(xml, "guid", "isPermaLink", "false", id(incident));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private String base() {
        return catalog.page().url().toString().replaceAll("/$", "");
    }

    private String title() {
        return catalog.page().name() + " status - incident history";
    }

    /** The page's host, as a tag URI's authority takes it (a DNS name, lower case). */
    private String host() {
        String host = URI.create(base()).getHost();
        return host == null ? "localhost" : host.toLowerCase(Locale.ROOT);
    }

    /** {@code tag:status.example.com,2026-11-27:incident/inc-...}: the page's host and the day the incident opened (UTC). */
    private String id(IncidentSnapshot incident) {
        return "tag:" + host() + "," + incident.createdAt().atOffset(ZoneOffset.UTC).toLocalDate() + ":incident/" + incident.id();
    }

    private static Instant updated(List<IncidentSnapshot> recent) {
        return recent.stream().map(StatusSummary::lastChange).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** RSS dates are RFC 822's: {@code Fri, 27 Nov 2026 10:15:00 GMT}. */
    private static String rfc822(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    /** The updates, newest first, as Statuspage writes them: time, status in bold, text. */
    private String content(IncidentSnapshot incident) {
        StringBuilder html = new StringBuilder();
        for (IncidentSnapshot.Update update : incident.updates().reversed()) {
            html.append("<p><small>").append(HtmlUtils.htmlEscape(time.format(update.createdAt()))).append("</small><br><strong>")
                    .append(HtmlUtils.htmlEscape(capitalised(update.status()))).append("</strong> - ")
                    .append(HtmlUtils.htmlEscape(update.body())).append("</p>");
        }
        return html.toString();
    }

    private static String capitalised(IncidentSnapshot.Status status) {
        String name = status.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    /** An element with one attribute: {@code <guid isPermaLink="false">…</guid>}. */
    private static void element(XMLStreamWriter xml, String name, String attribute, String value, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute(attribute, value);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }
}
