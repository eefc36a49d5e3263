package be.tocsin.alert.warning;

import static be.tocsin.alert.warning.Xml.element;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An alert as an OASIS CAP 1.2 message (what BE-Alert and other public-alert systems read): one
 * {@code <info>} per language. Identifiers are stable URNs: {@code urn:tocsin:alert:<id>} for the
 * alert or its update, {@code …:cancel} for its withdrawal, which references the original.
 */
public final class CapDocument {

    public static final String MEDIA_TYPE = "application/cap+xml";
    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    // CAP times carry a numeric offset, never "Z", and no fractions of a second.
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> EVENT = Map.of("fr", "Campagne d'escroquerie", "nl", "Oplichtingscampagne",
            "de", "Betrugskampagne", "en", "Scam campaign");

    private CapDocument() {
    }

    /**
     * {@code replaced}: the alert an update replaces (null otherwise); {@code pageUrl}: the public page.
     */
    public static String of(Alert alert, Alert replaced, String sender, String pageUrl) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = Xml.open(out, "alert", NAMESPACE);
            boolean cancel = "Cancel".equals(alert.msgType());
            element(xml, "identifier", identifier(alert) + (cancel ? ":cancel" : ""));
            element(xml, "sender", sender);
            element(xml, "sent", time(cancel ? alert.withdrawnAt() : alert.publishedAt()));
            element(xml, "status", "Actual");
            element(xml, "msgType", alert.msgType());
            element(xml, "scope", "Public");
            if (cancel) {
                element(xml, "references", reference(sender, alert));
            } else if (replaced != null) {
                element(xml, "references", reference(sender, replaced));
            }
            for (String language : Alert.LANGUAGES) {
                Alert.Text text = alert.texts().get(language);
                if (text != null) {
                    info(xml, alert, language, text, pageUrl);
                }
            }
            Xml.close(xml);
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write CAP for alert " + alert.id(), e);
        }
    }

    private static void info(XMLStreamWriter xml, Alert alert, String language, Alert.Text text, String pageUrl)
            throws XMLStreamException {
        xml.writeStartElement("info");
        element(xml, "language", language);
        element(xml, "category", "Security");
        element(xml, "event", EVENT.get(language));
        element(xml, "responseType", "Avoid");
        element(xml, "urgency", "Immediate");
        element(xml, "severity", alert.severity());
        element(xml, "certainty", "Observed");
        if (alert.expiresAt() != null) {
            element(xml, "expires", time(alert.expiresAt()));
        }
        element(xml, "senderName", "Tocsin");
        element(xml, "headline", text.headline());
        element(xml, "description", text.description());
        element(xml, "instruction", text.instruction());
        element(xml, "web", pageUrl + "?lang=" + language);
        xml.writeEndElement();
    }

    static String identifier(Alert alert) {
        return "urn:tocsin:alert:" + alert.id();
    }

    /** CAP's "sender,identifier,sent" of a message this one refers to. */
    private static String reference(String sender, Alert alert) {
        return sender + "," + identifier(alert) + "," + time(alert.publishedAt());
    }

    static String time(Instant instant) {
        return CAP_TIME.format(instant);
    }

}
