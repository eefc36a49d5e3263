package be.tocsin.alert.warning;

import java.io.StringWriter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The few StAX steps the CAP and Atom writers share; StAX escapes every text and attribute. */
final class Xml {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Xml() {
    }

    /** A writer with the XML declaration written and {@code root} opened in {@code namespace}. */
    static XMLStreamWriter open(StringWriter out, String root, String namespace) throws XMLStreamException {
        XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement(root);
        xml.writeDefaultNamespace(namespace);
        return xml;
    }

    /** Closes the root and the document. */
    static void close(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
    }

    static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
