package org.wenming.notification.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook's body ({@code wenming.notification.body-template}): placeholders replaced in one pass, so a
 * value that happens to contain {@code {mobile}} is not filled again. String values are JSON-escaped without
 * quotes (the template puts them inside its own), {@code {id}} is a number and {@code {parameters}} a JSON
 * object; an unknown placeholder stays as written.
 */
public final class BodyTemplate {

	public static final String[] PLACEHOLDERS = { "id", "topic", "mobile", "template", "parameters", "text", "createdAt" };

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(id|topic|mobile|template|parameters|text|createdAt)\\}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String template;

	public BodyTemplate(String template) {
		this.template = template;
	}

	public String fill(OutboundMessage message) {
		Matcher m = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder(template.length() + message.text().length() + 200);
		while (m.find()) {
			String value = switch (m.group(1)) {
				case "id" -> Long.toString(message.id());
				case "topic" -> escaped(message.topic());
				case "mobile" -> escaped(message.mobile());
				case "template" -> escaped(message.templateCode());
				case "parameters" -> json(message.parameters());
				case "text" -> escaped(message.text());
				case "createdAt" -> escaped(message.createdAt().toString());
				default -> throw new IllegalStateException(m.group(1));
			};
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	static String escaped(String value) {
		String quoted = JSON.writeValueAsString(value);
		return quoted.substring(1, quoted.length() - 1);
	}

	public static String json(Map<String, String> parameters) {
		return JSON.writeValueAsString(new java.util.TreeMap<>(parameters));
	}

	@SuppressWarnings("unchecked")
	public static Map<String, String> parameters(String json) {
		return JSON.readValue(json, java.util.TreeMap.class);
	}
}
