package be.tocsin.alert.warning;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Checks CAP documents against the OASIS CAP 1.2 schema (a copy in src/test/resources/standards). */
public final class CapSchema {

    private CapSchema() {
    }

    /** Throws with the schema's own message when {@code xml} is not valid CAP 1.2. */
    public static void assertValid(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(CapSchema.class.getResource("/standards/CAP-v1.2.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    /** The text of every CAP element called {@code element}, in document order. */
    public static List<String> values(String xml, String element) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        NodeList nodes = document.getElementsByTagNameNS(CapDocument.NAMESPACE, element);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent());
        }
        return values;
    }
}
