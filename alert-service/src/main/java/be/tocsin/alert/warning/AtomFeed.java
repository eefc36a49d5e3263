package be.tocsin.alert.warning;

import static be.tocsin.alert.warning.Xml.element;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The published alerts as an Atom 1.0 feed in one language, for feed readers, apps and media. */
public final class AtomFeed {

    public static final String MEDIA_TYPE = "application/atom+xml";
    private static final String NAMESPACE = "http://www.w3.org/2005/Atom";
    private static final Map<String, String> TITLE = Map.of("fr", "Tocsin — alertes aux arnaques",
            "nl", "Tocsin — waarschuwingen voor oplichting", "de", "Tocsin — Betrugswarnungen",
            "en", "Tocsin — scam warnings");

    private AtomFeed() {
    }

    public static String of(List<Alert> alerts, String language, String baseUrl, Instant updated) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = Xml.open(out, "feed", NAMESPACE);
            xml.writeAttribute("xml:lang", language);
            element(xml, "id", "urn:tocsin:alerts:" + language);
            element(xml, "title", TITLE.get(language));
            element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(updated));
            link(xml, "self", baseUrl + "/alerts/feed.atom?lang=" + language, MEDIA_TYPE);
            link(xml, "alternate", baseUrl + "/alerts?lang=" + language, "text/html");
            xml.writeStartElement("author");
            element(xml, "name", "Tocsin");
            xml.writeEndElement();
            for (Alert alert : alerts) {
                Alert.Text text = alert.text(language);
                xml.writeStartElement("entry");
                element(xml, "id", CapDocument.identifier(alert));
                element(xml, "title", text.headline());
                element(xml, "updated", DateTimeFormatter.ISO_INSTANT.format(alert.publishedAt()));
                element(xml, "published", DateTimeFormatter.ISO_INSTANT.format(alert.publishedAt()));
                link(xml, "alternate", baseUrl + "/alerts/" + alert.id() + "?lang=" + language, "text/html");
                link(xml, "related", baseUrl + "/alerts/" + alert.id() + ".cap", CapDocument.MEDIA_TYPE);
                xml.writeStartElement("category");
                xml.writeAttribute("term", alert.severity());
                xml.writeEndElement();
                element(xml, "summary", text.description() + "\n\n" + text.instruction());
                xml.writeEndElement();
            }
            Xml.close(xml);
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the Atom feed", e);
        }
    }

    private static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
        xml.writeStartElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
        xml.writeAttribute("type", type);
        xml.writeEndElement();
    }

}
