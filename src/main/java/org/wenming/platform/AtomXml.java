package org.wenming.platform;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The two pieces every Atom feed (RFC 4287) of Wenming writes: a text element and a link. */
public final class AtomXml {

	private AtomXml() {
	}

	/** {@code <name>value</name>}, the value escaped. */
	public static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
		xml.writeStartElement(name);
		xml.writeCharacters(value);
		xml.writeEndElement();
	}

	/** {@code <link rel=… href=… type=…/>}. */
	public static void link(XMLStreamWriter xml, String rel, String href, String type) throws XMLStreamException {
		xml.writeEmptyElement("link");
		xml.writeAttribute("rel", rel);
		xml.writeAttribute("href", href);
		xml.writeAttribute("type", type);
	}
}
