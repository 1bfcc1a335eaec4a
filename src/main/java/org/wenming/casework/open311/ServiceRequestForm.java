package org.wenming.casework.open311;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.wenming.casework.open311.ServiceAttributes.Attribute;
import org.wenming.volunteer.PersonalNumbers;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a GeoReport {@code POST requests} form brings, checked for shape: each refusal a 400 naming
 * the parameter. Whether the service exists and where the position lies is the intake's to decide.
 *
 * @param serviceCode the service asked for, stripped
 * @param attributes the {@code attribute[…]} parameters as given, checked against the service's
 *        definition by {@link #attributeAnswers}
 * @param address {@code address_string} as given, or null
 * @param addressId {@code address_id} (a division code inside the city), or null
 * @param reporterName first and last name together, or null
 * @param phone a mainland mobile or landline number without {@code +86}, not yet sealed; or null
 */
record ServiceRequestForm(String serviceCode, Map<String, List<String>> attributes, BigDecimal latitude,
		BigDecimal longitude, String address, String addressId, String description, String mediaUrl,
		String reporterName, String phone) {

	private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([a-z_]{1,32})\\](\\[\\])?");

	private static final Pattern LANDLINE = Pattern.compile("0\\d{9,11}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static ServiceRequestForm bind(GeoReportParameters parameters) {
		String serviceCode = parameters.given("service_code");
		if (serviceCode == null) {
			throw Open311Exception.badRequest("open311.error.serviceCode.missing");
		}
		Map<String, List<String>> attributes = parameters.attributes();
		BigDecimal latitude = parameters.coordinate("lat");
		BigDecimal longitude = parameters.coordinate("long");
		if ((latitude == null) != (longitude == null)) {
			throw Open311Exception.badRequest("open311.error.position.incomplete", latitude == null ? "lat" : "long");
		}
		String address = parameters.given("address_string");
		String addressId = parameters.given("address_id");
		if (latitude == null && address == null && addressId == null) {
			throw Open311Exception.badRequest("open311.error.location.missing");
		}
		if (addressId != null && !addressId.strip().matches("\\d{2,12}")) {
			throw Open311Exception.badRequest("open311.error.addressId");
		}
		String description = parameters.given("description");
		if (description == null) {
			throw Open311Exception.badRequest("open311.error.description.missing");
		}
		String mediaUrl = mediaUrl(parameters.single("media_url"));
		checkEmail(parameters.single("email"));
		// checked, not stored
		parameters.text("device_id", 100);
		parameters.text("account_id", 100);
		String name = reporterName(parameters.text("first_name", 60), parameters.text("last_name", 60));
		String phone = phone(parameters.single("phone"));
		return new ServiceRequestForm(serviceCode.strip(), attributes, latitude, longitude, address,
				addressId == null ? null : addressId.strip(), description, mediaUrl, name, phone);
	}

	/**
	 * Where the request is placed: the region {@code address_id} names; the city when only an address
	 * is given; none when a position is (the intake finds its region).
	 */
	String regionCode(String cityCode) {
		return addressId != null ? addressId : latitude == null ? cityCode : null;
	}

	/** The answers to the service's attributes as JSON, checked against its definition. */
	String attributeAnswers(List<Attribute> defined) {
		Map<String, Object> answers = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> parameter : attributes.entrySet()) {
			var matcher = ATTRIBUTE.matcher(parameter.getKey());
			Attribute attribute = matcher.matches() ? defined.stream()
					.filter(a -> a.code().equals(matcher.group(1))).findFirst().orElse(null) : null;
			if (attribute == null) {
				throw Open311Exception.badRequest("open311.error.attribute.unknown", clip(parameter.getKey()));
			}
			List<String> values = new ArrayList<>();
			for (String v : parameter.getValue()) {
				// a multivaluelist may also arrive comma separated in one parameter
				for (String part : attribute.datatype() == ServiceAttributes.Datatype.MULTIVALUELIST ? v.split(",", 20)
						: new String[] { v }) {
					if (!part.isBlank()) {
						values.add(part.strip());
					}
				}
			}
			if (!values.isEmpty()) {
				answers.put(attribute.code(), answer(attribute, values));
			}
		}
		for (Attribute a : defined) {
			if (a.required() && !answers.containsKey(a.code())) {
				throw Open311Exception.badRequest("open311.error.attribute.required", a.code());
			}
		}
		return JSON.writeValueAsString(answers);
	}

	/** The Open311 parameter that a refusal of the intake (a field of {@code NewCase}) is about. */
	static String parameterOf(String field) {
		return switch (field) {
			case "categoryCode" -> "service_code";
			case "latitude" -> "lat";
			case "longitude" -> "long";
			case "address" -> "address_string";
			case "regionCode" -> "address_id";
			case "reporterName" -> "first_name";
			default -> field;
		};
	}

	private static Object answer(Attribute attribute, List<String> values) {
		String code = attribute.code();
		switch (attribute.datatype()) {
			case SINGLEVALUELIST -> {
				if (values.size() != 1 || !attribute.values().contains(values.get(0))) {
					throw Open311Exception.badRequest("open311.error.attribute.value", code);
				}
				return values.get(0);
			}
			case MULTIVALUELIST -> {
				if (!attribute.values().containsAll(values)) {
					throw Open311Exception.badRequest("open311.error.attribute.value", code);
				}
				return List.copyOf(new LinkedHashSet<>(values));
			}
			default -> {
				if (values.size() != 1 || values.get(0).length() > attribute.maxLength()
						|| values.get(0).chars().anyMatch(Character::isISOControl)) {
					throw Open311Exception.badRequest("open311.error.attribute.value", code);
				}
				return values.get(0);
			}
		}
	}

	private static String mediaUrl(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String url = value.strip();
		try {
			URI uri = new URI(url);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (url.length() > 500 || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
					|| uri.getRawUserInfo() != null) {
				throw Open311Exception.badRequest("open311.error.mediaUrl");
			}
			return url;
		}
		catch (URISyntaxException ex) {
			throw Open311Exception.badRequest("open311.error.mediaUrl");
		}
	}

	private static void checkEmail(String email) {
		if (email != null && !email.isBlank() && (email.length() > 254 || !EMAIL.matcher(email.strip()).matches())) {
			throw Open311Exception.badRequest("open311.error.email");
		}
	}

	private static String reporterName(String first, String last) {
		String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
		if (name.length() > 60) {
			throw Open311Exception.badRequest("open311.error.length", "first_name", 60);
		}
		return name.isEmpty() ? null : name;
	}

	/** A mobile or landline number of the mainland; never echoed or logged (the intake seals it at once). */
	private static String phone(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String number = value.length() > 40 ? "" : PersonalNumbers.normalise(value);
		if (number.startsWith("+86")) {
			number = number.substring(3);
		}
		if (!PersonalNumbers.MOBILE.matcher(number).matches() && !LANDLINE.matcher(number).matches()) {
			throw Open311Exception.badRequest("open311.error.phone");
		}
		return number;
	}

	/** Without the reporter's name and phone, so that the form can never put them in a log line. */
	@Override
	public String toString() {
		return "ServiceRequestForm[serviceCode=" + serviceCode + ", latitude=" + latitude + ", longitude=" + longitude
				+ ", addressId=" + addressId + "]";
	}

	private static String clip(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}
}
