package org.wenming.notification.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.wenming.notification.Notification;
import org.wenming.platform.InvalidInputException;
import org.wenming.volunteer.PersonalNumbers;

/** What a notice must be before it enters the outbox; pure, the first failing field named. */
public final class NotificationRules {

	public static final int MAX_TOPIC = 64;

	public static final int MAX_TEMPLATE = 64;

	public static final int MAX_PARAMETERS = 20;

	public static final int MAX_PARAMETER_NAME = 64;

	public static final int MAX_PARAMETER_VALUE = 500;

	public static final int MAX_TEXT = 1000;

	/** {@code servicedesk.code}: lower-case words joined by dots, dashes or underscores. */
	private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9]*([._-][a-z0-9]+)*");

	/** Gateways' template codes: {@code SMS_123456789}, {@code 1234567}, {@code order-update}. */
	private static final Pattern TEMPLATE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private NotificationRules() {
	}

	/** A notice that passed: the mobile normalised, the parameters sorted by name. */
	public record Checked(String topic, String mobile, String templateCode, Map<String, String> parameters, String text) {
	}

	public static Checked check(Notification notice) {
		if (notice == null) {
			throw new InvalidInputException("notification", "is required");
		}
		String topic = notice.topic();
		if (topic == null || topic.isBlank()) {
			throw new InvalidInputException("topic", "is required");
		}
		if (topic.length() > MAX_TOPIC || !TOPIC.matcher(topic).matches()) {
			throw new InvalidInputException("topic",
					"must be lower-case words joined by dots (e.g. servicedesk.code), at most " + MAX_TOPIC + " characters");
		}
		String mobile = mobile(notice.mobile());
		String template = notice.templateCode();
		if (template == null || template.isBlank()) {
			throw new InvalidInputException("templateCode", "is required");
		}
		if (template.length() > MAX_TEMPLATE || !TEMPLATE.matcher(template).matches()) {
			throw new InvalidInputException("templateCode",
					"must be letters, digits, dots, dashes or underscores, at most " + MAX_TEMPLATE + " characters");
		}
		Map<String, String> parameters = parameters(notice.parameters());
		String text = notice.text();
		if (text == null || text.isBlank()) {
			throw new InvalidInputException("text", "is required");
		}
		if (text.length() > MAX_TEXT) {
			throw new InvalidInputException("text", "must be at most " + MAX_TEXT + " characters");
		}
		return new Checked(topic, mobile, template, parameters, text);
	}

	/** The same normalisation and rule as volunteers' mobile numbers: mainland, 11 digits. */
	static String mobile(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("mobile", "is required");
		}
		if (value.length() > 30) {
			throw new InvalidInputException("mobile", "must be a mainland mobile number of 11 digits");
		}
		String normalised = PersonalNumbers.normalise(value);
		if (!PersonalNumbers.MOBILE.matcher(normalised).matches()) {
			throw new InvalidInputException("mobile", "must be a mainland mobile number of 11 digits");
		}
		return normalised;
	}

	private static Map<String, String> parameters(Map<String, String> given) {
		if (given.size() > MAX_PARAMETERS) {
			throw new InvalidInputException("parameters", "must be at most " + MAX_PARAMETERS + " values");
		}
		Map<String, String> sorted = new TreeMap<>();
		for (Map.Entry<String, String> e : given.entrySet()) {
			String name = e.getKey();
			if (name == null || name.length() > MAX_PARAMETER_NAME || !PARAMETER_NAME.matcher(name).matches()) {
				throw new InvalidInputException("parameters",
						"names must be letters, digits or underscores, at most " + MAX_PARAMETER_NAME + " characters");
			}
			String value = e.getValue();
			if (value == null || value.length() > MAX_PARAMETER_VALUE) {
				throw new InvalidInputException("parameters",
						"value of " + name + " must be given and at most " + MAX_PARAMETER_VALUE + " characters");
			}
			sorted.put(name, value);
		}
		return sorted;
	}
}
