package io.contingo.incident.statuspage;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

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
 * {@code GET /history.atom}: the incident history as an Atom feed, as Statuspage publishes it, one entry per
 * incident with its public updates. Text is escaped twice over where Atom asks for it: the entry's HTML
 * content escapes the incident's text, and the XML writer escapes that HTML.
 */
@RestController
class HistoryFeedController {

    private static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PublicView view;
    private final Catalog catalog;
    private final PageTime time;

    HistoryFeedController(PublicView view, Catalog catalog, PageTime time) {
        this.view = view;
        this.catalog = catalog;
        this.time = time;
    }

    @GetMapping("/history.atom")
    ResponseEntity<String> history() throws XMLStreamException {
        String base = catalog.page().url().toString().replaceAll("/$", "");
        List<IncidentSnapshot> recent = view.now().recent();
        Instant updated = recent.stream().map(HistoryFeedController::updatedAt).max(Instant::compareTo).orElse(Instant.EPOCH);
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        xml.writeAttribute("xml:lang", "en");
        element(xml, "id", "tag:contingo," + catalog.page().id() + ":/history");
        link(xml, "alternate", "text/html", base);
        link(xml, "self", "application/atom+xml", base + "/history.atom");
        element(xml, "title", catalog.page().name() + " status - incident history");
        element(xml, "updated", updated.toString());
        for (IncidentSnapshot incident : recent) {
            xml.writeStartElement("entry");
            element(xml, "id", "tag:contingo," + catalog.page().id() + ":Incident/" + incident.id());
            element(xml, "published", incident.createdAt().toString());
            element(xml, "updated", updatedAt(incident).toString());
            link(xml, "alternate", "text/html", base + "/incidents/" + incident.id());
            element(xml, "title", incident.name());
            xml.writeStartElement("content");
            xml.writeAttribute("type", "html");
            xml.writeCharacters(content(incident));
            xml.writeEndElement();
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(ATOM)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(10)).cachePublic()).body(out.toString());
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
        String name = status.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Instant updatedAt(IncidentSnapshot incident) {
        return incident.updates().isEmpty() ? incident.createdAt() : incident.updates().getLast().createdAt();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
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
