package org.wenming.casework.open311;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The two encodings GeoReport v2 defines for one document: XML (required by the spec) and JSON.
 * A document is an ordered map of fields whose values are text, numbers, booleans, nested fields
 * or {@link Items}; in XML a list is a container element holding one element per item
 * ({@code <services><service>…}), in JSON a plain array.
 */
final class GeoReport {

	private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

	private static final JsonFactory JSON = new JsonFactory();

	private GeoReport() {
	}

	/** A list: in XML each item is an element named {@code itemName}. */
	record Items(String itemName, List<?> items) {
	}

	/** The output format, taken from the path's extension. */
	enum Format {
		XML("text/xml;charset=UTF-8"), JSON("application/json;charset=UTF-8");

		final String contentType;

		Format(String contentType) {
			this.contentType = contentType;
		}

		/** {@code xml} or {@code json}; anything else is not a GeoReport resource (null). */
		static Format of(String extension) {
			if ("xml".equals(extension)) {
				return XML;
			}
			return "json".equals(extension) ? JSON : null;
		}
	}

	/** Fields in the order given. */
	static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return map;
	}

	/** A list document: {@code <root><item>…</item>…</root>} or a JSON array. */
	static void writeList(Format format, String root, String item, List<Map<String, Object>> items, OutputStream out)
			throws IOException {
		if (format == Format.XML) {
			xml(out, w -> {
				w.writeStartElement(root);
				for (Map<String, Object> fields : items) {
					w.writeStartElement(item);
					xmlFields(w, fields);
					w.writeEndElement();
				}
				w.writeEndElement();
			});
		}
		else {
			try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
				json.writeStartArray();
				for (Map<String, Object> fields : items) {
					jsonObject(json, fields);
				}
				json.writeEndArray();
			}
		}
	}

	/** A single document: {@code <root>…</root>} or a JSON object. */
	static void writeObject(Format format, String root, Map<String, Object> fields, OutputStream out) throws IOException {
		if (format == Format.XML) {
			xml(out, w -> {
				w.writeStartElement(root);
				xmlFields(w, fields);
				w.writeEndElement();
			});
		}
		else {
			try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
				jsonObject(json, fields);
			}
		}
	}

	private interface XmlBody {
		void write(XMLStreamWriter writer) throws XMLStreamException;
	}

	private static void xml(OutputStream out, XmlBody body) throws IOException {
		try {
			// the declaration as the spec's examples write it (StAX would use single quotes)
			out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			XMLStreamWriter writer = XML.createXMLStreamWriter(out, "UTF-8");
			body.write(writer);
			writer.writeEndDocument();
			writer.flush();
			writer.close();
		}
		catch (XMLStreamException ex) {
			throw new IOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static void xmlFields(XMLStreamWriter w, Map<String, Object> fields) throws XMLStreamException {
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			Object value = field.getValue();
			if (value == null) {
				w.writeEmptyElement(field.getKey());
				continue;
			}
			w.writeStartElement(field.getKey());
			if (value instanceof Items list) {
				for (Object item : list.items()) {
					w.writeStartElement(list.itemName());
					if (item instanceof Map<?, ?> map) {
						xmlFields(w, (Map<String, Object>) map);
					}
					else {
						w.writeCharacters(text(item));
					}
					w.writeEndElement();
				}
			}
			else if (value instanceof Map<?, ?> map) {
				xmlFields(w, (Map<String, Object>) map);
			}
			else {
				w.writeCharacters(text(value));
			}
			w.writeEndElement();
		}
	}

	/** XML 1.0 cannot carry most control characters: they are dropped from text rather than breaking the document. */
	private static String text(Object value) {
		String text = value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
		StringBuilder clean = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean allowed = c >= 0x20 ? (c < 0xFFFE) : (c == '\t' || c == '\n' || c == '\r');
			if (!allowed && clean == null) {
				clean = new StringBuilder(text.length()).append(text, 0, i);
			}
			else if (allowed && clean != null) {
				clean.append(c);
			}
		}
		return clean == null ? text : clean.toString();
	}

	@SuppressWarnings("unchecked")
	private static void jsonObject(JsonGenerator json, Map<String, Object> fields) {
		json.writeStartObject();
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			json.writeName(field.getKey());
			jsonValue(json, field.getValue());
		}
		json.writeEndObject();
	}

	@SuppressWarnings("unchecked")
	private static void jsonValue(JsonGenerator json, Object value) {
		if (value == null) {
			json.writeNull();
		}
		else if (value instanceof String s) {
			json.writeString(s);
		}
		else if (value instanceof BigDecimal d) {
			json.writeNumber(d);
		}
		else if (value instanceof Integer i) {
			json.writeNumber(i);
		}
		else if (value instanceof Long l) {
			json.writeNumber(l);
		}
		else if (value instanceof Boolean b) {
			json.writeBoolean(b);
		}
		else if (value instanceof Items list) {
			json.writeStartArray();
			for (Object item : list.items()) {
				jsonValue(json, item);
			}
			json.writeEndArray();
		}
		else if (value instanceof Map<?, ?> map) {
			jsonObject(json, (Map<String, Object>) map);
		}
		else {
			json.writeString(value.toString());
		}
	}
}
