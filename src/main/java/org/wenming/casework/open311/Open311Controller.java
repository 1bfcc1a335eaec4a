package org.wenming.casework.open311;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.open311.GeoReport.Format;
import org.wenming.casework.open311.GeoReport.Items;
import org.wenming.casework.open311.ServiceAttributes.Attribute;
import org.wenming.platform.InvalidInputException;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.PersonalNumbers;

import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 at {@code /open311/v2}: every resource in {@code .xml} and {@code .json},
 * open to anyone without a session (POST needs an api_key); errors are GeoReport error lists with
 * 400, 403, 404 or 429, in the format the path asked for.
 */
@Controller
@RequestMapping("/open311/v2")
class Open311Controller {

	private static final Logger log = LoggerFactory.getLogger(Open311Controller.class);

	static final String CHANGESET = "2026-11-29T00:00:00+08:00";

	static final int MAX_PAGE_SIZE = 1000;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private static final Pattern CASE_NUMBER = Pattern.compile("[0-9A-Za-z-]{1,24}");

	private static final Pattern SERVICE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

	private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([a-z_]{1,32})\\](\\[\\])?");

	private static final Pattern LANDLINE = Pattern.compile("0\\d{9,11}");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}");

	private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Cases cases;

	private final ServiceRequests requests;

	private final ApiKeys keys;

	private final ContactSeal seal;

	private final TransactionTemplate transactions;

	private final MessageSource messages;

	private final Open311Properties properties;

	private final Clock clock;

	private final String cityCode;

	Open311Controller(Cases cases, ServiceRequests requests, ApiKeys keys, ContactSeal seal,
			TransactionTemplate transactions, MessageSource messages, Open311Properties properties, Clock clock,
			@Value("${wenming.regions.city:4412}") String cityCode) {
		this.cases = cases;
		this.requests = requests;
		this.keys = keys;
		this.seal = seal;
		this.transactions = transactions;
		this.messages = messages;
		this.properties = properties;
		this.clock = clock;
		this.cityCode = cityCode;
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/discovery.{format}")
	void discovery(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Format f = start(format, request);
		String base = request.getScheme() + "://" + request.getServerName()
				+ (isDefaultPort(request) ? "" : ":" + request.getServerPort()) + request.getContextPath() + "/open311/v2";
		List<Object> formats = List.of("text/xml", "application/json");
		Map<String, Object> endpoint = GeoReport.fields("specification", "http://wiki.open311.org/GeoReport_v2",
				"url", base, "changeset", CHANGESET, "type", "production", "formats", new Items("format", formats));
		Map<String, Object> document = GeoReport.fields("changeset", CHANGESET, "contact", properties.contact(),
				"key_service", properties.keyService(), "jurisdiction_id", properties.jurisdictionId(),
				"extensions", t("open311.discovery.extensions", MAX_PAGE_SIZE),
				"endpoints", new Items("endpoint", List.of(endpoint)));
		send(response, f, 200);
		GeoReport.writeObject(f, "discovery", document, response.getOutputStream());
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/services.{format}")
	void services(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Format f = start(format, request);
		Locale locale = LocaleContextHolder.getLocale();
		List<CaseCategory> all = cases.categories();
		Map<String, CaseCategory> groups = new LinkedHashMap<>();
		all.stream().filter(c -> !c.leaf()).forEach(c -> groups.put(c.code(), c));
		List<Map<String, Object>> services = new ArrayList<>();
		for (CaseCategory c : all) {
			if (!c.leaf() || !c.active()) {
				continue;
			}
			CaseCategory group = c.parentCode() == null ? null : groups.get(c.parentCode());
			services.add(GeoReport.fields("service_code", c.code(), "service_name", c.name(locale), "description",
					c.description(locale), "metadata", !ServiceAttributes.of(c.code()).isEmpty(), "type", "realtime",
					"keywords", keywords(c, locale), "group", group == null ? null : group.name(locale)));
		}
		send(response, f, 200);
		GeoReport.writeList(f, "services", "service", services, response.getOutputStream());
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/services/{code}.{format}")
	void service(@PathVariable String code, @PathVariable String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Format f = start(format, request);
		CaseCategory service = activeService(code, 404);
		List<Map<String, Object>> attributes = new ArrayList<>();
		for (Attribute a : ServiceAttributes.of(service.code())) {
			String key = "open311.attribute." + service.code() + "." + a.code();
			List<Object> values = new ArrayList<>();
			for (String v : a.values()) {
				values.add(GeoReport.fields("key", v, "name", t(key + "." + v)));
			}
			attributes.add(GeoReport.fields("variable", true, "code", a.code(), "datatype", a.datatype().specName(),
					"required", a.required(), "datatype_description",
					a.datatype().list() ? null : t("open311.attribute.maxLength", a.maxLength()), "order", a.order(),
					"description", t(key), "values", a.datatype().list() ? new Items("value", values) : null));
		}
		send(response, f, 200);
		GeoReport.writeObject(f, "service_definition", GeoReport.fields("service_code", service.code(), "attributes",
				new Items("attribute", attributes)), response.getOutputStream());
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/requests.{format}")
	void search(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Format f = start(format, request);
		String ids = single(request, "service_request_id");
		List<ServiceRequests.Row> rows;
		if (ids != null && !ids.isBlank()) {
			// the spec: with service_request_id every other parameter is ignored
			rows = requests.byNumbers(caseNumbers(ids));
		}
		else {
			rows = requests.search(criteria(request));
		}
		sendRequests(response, f, rows);
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/requests/{id}.{format}")
	void request(@PathVariable String id, @PathVariable String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Format f = start(format, request);
		List<ServiceRequests.Row> rows = CASE_NUMBER.matcher(id).matches() ? requests.byNumbers(Set.of(id)) : List.of();
		if (rows.isEmpty()) {
			throw Open311Exception.notFound("open311.error.request.unknown");
		}
		sendRequests(response, f, rows);
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/tokens/{token}.{format}")
	void token(@PathVariable String token, @PathVariable String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Format f = start(format, request);
		var found = cases.findByFollowToken(token)
				.orElseThrow(() -> Open311Exception.notFound("open311.error.token.unknown"));
		send(response, f, 200);
		GeoReport.writeList(f, "service_requests", "request",
				List.of(GeoReport.fields("service_request_id", found.caseNumber(), "token", token)),
				response.getOutputStream());
	}

	@PostMapping("/requests.{format}")
	void create(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Format f = start(format, request);
		String contentType = request.getContentType();
		if (contentType != null && FORM_TYPES.stream().noneMatch(contentType.toLowerCase(Locale.ROOT)::startsWith)) {
			throw Open311Exception.badRequest("open311.error.contentType");
		}
		ApiKeys.Caller caller = keys.authenticate(single(request, "api_key"))
				.orElseThrow(() -> Open311Exception.forbidden("open311.error.apiKey"));
		if (!keys.allowPost(caller.id())) {
			throw new Open311Exception(429, "open311.error.rateLimit", properties.postsPerMinute());
		}
		String serviceCode = single(request, "service_code");
		if (serviceCode == null || serviceCode.isBlank()) {
			throw Open311Exception.badRequest("open311.error.serviceCode.missing");
		}
		CaseCategory service = activeService(serviceCode.strip(), 400);
		String attributes = attributes(request, service);
		BigDecimal latitude = coordinate(request, "lat");
		BigDecimal longitude = coordinate(request, "long");
		if ((latitude == null) != (longitude == null)) {
			throw Open311Exception.badRequest("open311.error.position.incomplete", latitude == null ? "lat" : "long");
		}
		String address = single(request, "address_string");
		String addressId = single(request, "address_id");
		boolean hasAddress = address != null && !address.isBlank();
		boolean hasAddressId = addressId != null && !addressId.isBlank();
		if (latitude == null && !hasAddress && !hasAddressId) {
			throw Open311Exception.badRequest("open311.error.location.missing");
		}
		if (hasAddressId && !addressId.strip().matches("\\d{2,12}")) {
			throw Open311Exception.badRequest("open311.error.addressId");
		}
		String description = single(request, "description");
		if (description == null || description.isBlank()) {
			throw Open311Exception.badRequest("open311.error.description.missing");
		}
		String mediaUrl = mediaUrl(single(request, "media_url"));
		checkEmail(single(request, "email"));
		checkLength(request, "device_id", 100);
		checkLength(request, "account_id", 100);
		String name = reporterName(checkLength(request, "first_name", 60), checkLength(request, "last_name", 60));
		ContactSeal.SealedContact contact = phone(single(request, "phone"));
		// an address alone places the request in the city; address_id names a region (village/community) in it
		String regionCode = hasAddressId ? addressId.strip() : latitude == null ? cityCode : null;
		NewCase report = new NewCase(CaseSource.OPEN311, service.code(), description, hasAddress ? address : null,
				latitude, longitude, regionCode, null, name, contact, caller.id());
		Cases.Reported reported;
		try {
			reported = transactions.execute(tx -> {
				Cases.Reported r = cases.report(report, "open311:" + caller.prefix());
				requests.saveExtras(r.id(), mediaUrl, attributes);
				return r;
			});
		}
		catch (InvalidInputException ex) {
			throw Open311Exception.badRequest("open311.error.field", parameterOf(ex.field()), t(ex.getMessage()));
		}
		log.info("Open311 request {} created with key {}", reported.caseNumber(), caller.prefix());
		send(response, f, 201);
		GeoReport.writeList(f, "service_requests", "request",
				List.of(GeoReport.fields("service_request_id", reported.caseNumber(), "token", reported.followToken(),
						"service_notice", serviceNotice(service), "account_id", null)),
				response.getOutputStream());
	}

	/** Everything else under /open311: an unknown resource, or a method the resource does not have. */
	@RequestMapping("/**")
	void unknown(HttpServletRequest request) {
		throw Open311Exception.notFound("open311.error.resource");
	}

	@ExceptionHandler(Open311Exception.class)
	void refused(Open311Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		error(request, response, ex.status(), t(ex.messageKey(), ex.args()));
	}

	/** Whatever else goes wrong is still answered as a GeoReport error, never as an HTML page. */
	@ExceptionHandler(Exception.class)
	void failed(Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		// an unreadable form body (Tomcat's parameter parser, an oversized or broken multipart body)
		if (ex instanceof org.springframework.web.multipart.MultipartException
				|| ex instanceof org.apache.tomcat.util.http.InvalidParameterException
				|| ex.getCause() instanceof org.apache.tomcat.util.http.InvalidParameterException) {
			error(request, response, 400, t("open311.error.body"));
			return;
		}
		log.error("Open311 request failed: {}", request.getRequestURI(), ex);
		error(request, response, 500, t("open311.error.internal"));
	}

	private void error(HttpServletRequest request, HttpServletResponse response, int status, String description)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		Format f = formatOf(request);
		send(response, f, status);
		GeoReport.writeList(f, "errors", "error", List.of(GeoReport.fields("code", status, "description", description)),
				response.getOutputStream());
	}

	/** The format asked for (an unknown one is 404, in XML); then the jurisdiction, if one is given. */
	private Format start(String extension, HttpServletRequest request) {
		Format f = Format.of(extension);
		if (f == null) {
			throw Open311Exception.notFound("open311.error.format");
		}
		String jurisdiction = single(request, "jurisdiction_id");
		if (jurisdiction != null && !jurisdiction.strip().equalsIgnoreCase(properties.jurisdictionId())) {
			throw Open311Exception.notFound("open311.error.jurisdiction");
		}
		return f;
	}

	private static Format formatOf(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.endsWith(".json") ? Format.JSON : Format.XML;
	}

	private static void send(HttpServletResponse response, Format format, int status) {
		response.setStatus(status);
		response.setContentType(format.contentType);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
	}

	private void sendRequests(HttpServletResponse response, Format f, List<ServiceRequests.Row> rows)
			throws IOException {
		Locale locale = LocaleContextHolder.getLocale();
		boolean chinese = "zh".equals(locale.getLanguage());
		List<Map<String, Object>> items = new ArrayList<>(rows.size());
		for (ServiceRequests.Row r : rows) {
			items.add(GeoReport.fields("service_request_id", r.caseNumber(), "status", r.status().open() ? "open" : "closed",
					"detailed_status", r.status().name(), "status_notes", statusNotes(r), "service_name",
					chinese ? r.serviceNameZh() : r.serviceNameEn(), "service_code", r.serviceCode(), "description",
					r.description(), "agency_responsible", r.unitName(), "service_notice", null, "requested_datetime",
					time(r.requestedAt()), "updated_datetime", time(r.updatedAt()), "expected_datetime",
					time(r.expectedAt()), "address", r.address(), "address_id", r.regionCode(), "zipcode", null, "lat",
					r.latitude(), "long", r.longitude(), "media_url", r.mediaUrl()));
		}
		send(response, f, 200);
		GeoReport.writeList(f, "service_requests", "request", items, response.getOutputStream());
	}

	private String statusNotes(ServiceRequests.Row r) {
		return switch (r.status()) {
			case REJECTED -> r.rejection();
			case MERGED -> r.mergedInto() == null ? null : t("open311.notes.merged", r.mergedInto());
			default -> null;
		};
	}

	/** The search of GET requests: a window of at most {@code window} (90 days), newest first, paged. */
	private ServiceRequests.Search criteria(HttpServletRequest request) {
		Instant start = date(request, "start_date");
		Instant end = date(request, "end_date");
		Duration window = properties.window();
		if (start == null && end == null) {
			end = clock.instant();
			start = end.minus(window);
		}
		else if (start == null) {
			start = end.minus(window);
		}
		else if (end == null) {
			end = start.plus(window);
		}
		if (!end.isAfter(start)) {
			throw Open311Exception.badRequest("open311.error.dates.order");
		}
		if (Duration.between(start, end).compareTo(window) > 0) {
			throw Open311Exception.badRequest("open311.error.dates.span", window.toDays());
		}
		Set<String> codes = new LinkedHashSet<>();
		String serviceCodes = single(request, "service_code");
		if (serviceCodes != null && !serviceCodes.isBlank()) {
			for (String code : serviceCodes.split(",", 50)) {
				codes.add(activeService(code.strip(), 400).code());
			}
		}
		Boolean open = null;
		String statuses = single(request, "status");
		if (statuses != null && !statuses.isBlank()) {
			Set<String> asked = new LinkedHashSet<>();
			for (String s : statuses.split(",", 10)) {
				String status = s.strip().toLowerCase(Locale.ROOT);
				if (!status.equals("open") && !status.equals("closed")) {
					throw Open311Exception.badRequest("open311.error.status");
				}
				asked.add(status);
			}
			open = asked.size() == 2 ? null : asked.contains("open");
		}
		int pageSize = integer(request, "page_size", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
		int page = integer(request, "page", 1, 1, 1_000_000);
		return new ServiceRequests.Search(start, end.plusNanos(1000), codes, open, page, pageSize);
	}

	private static Set<String> caseNumbers(String ids) {
		Set<String> numbers = new LinkedHashSet<>();
		for (String id : ids.split(",", MAX_PAGE_SIZE + 2)) {
			String number = id.strip();
			if (!CASE_NUMBER.matcher(number).matches()) {
				throw Open311Exception.badRequest("open311.error.requestIds");
			}
			numbers.add(number);
		}
		if (numbers.size() > MAX_PAGE_SIZE) {
			throw Open311Exception.badRequest("open311.error.requestIds");
		}
		return numbers;
	}

	private CaseCategory activeService(String code, int status) {
		CaseCategory service = code != null && SERVICE_CODE.matcher(code).matches()
				? cases.category(code).filter(c -> c.leaf() && c.active()).orElse(null) : null;
		if (service == null) {
			throw new Open311Exception(status, "open311.error.service.unknown");
		}
		return service;
	}

	/** The answers to the service's attributes as JSON, checked against its definition. */
	private String attributes(HttpServletRequest request, CaseCategory service) {
		List<Attribute> defined = ServiceAttributes.of(service.code());
		Map<String, Object> answers = new LinkedHashMap<>();
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (!parameter.getKey().startsWith("attribute")) {
				continue;
			}
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
			if (values.isEmpty()) {
				continue;
			}
			String code = attribute.code();
			switch (attribute.datatype()) {
				case SINGLEVALUELIST -> {
					if (values.size() != 1 || !attribute.values().contains(values.get(0))) {
						throw Open311Exception.badRequest("open311.error.attribute.value", code);
					}
					answers.put(code, values.get(0));
				}
				case MULTIVALUELIST -> {
					if (!attribute.values().containsAll(values)) {
						throw Open311Exception.badRequest("open311.error.attribute.value", code);
					}
					answers.put(code, List.copyOf(new LinkedHashSet<>(values)));
				}
				default -> {
					if (values.size() != 1 || values.get(0).length() > attribute.maxLength()
							|| values.get(0).chars().anyMatch(Character::isISOControl)) {
						throw Open311Exception.badRequest("open311.error.attribute.value", code);
					}
					answers.put(code, values.get(0));
				}
			}
		}
		for (Attribute a : defined) {
			if (a.required() && !answers.containsKey(a.code())) {
				throw Open311Exception.badRequest("open311.error.attribute.required", a.code());
			}
		}
		return JSON.writeValueAsString(answers);
	}

	private static BigDecimal coordinate(HttpServletRequest request, String name) {
		String value = single(request, name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() > 32) {
				throw new NumberFormatException();
			}
			BigDecimal number = new BigDecimal(value.strip());
			BigDecimal limit = BigDecimal.valueOf("lat".equals(name) ? 90 : 180);
			if (number.abs().compareTo(limit) > 0) {
				throw Open311Exception.badRequest("open311.error.coordinate.range", name);
			}
			return number.setScale(6, RoundingMode.HALF_UP);
		}
		catch (NumberFormatException ex) {
			throw Open311Exception.badRequest("open311.error.coordinate", name);
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

	private static String checkLength(HttpServletRequest request, String name, int max) {
		String value = single(request, name);
		if (value != null && (value.length() > max || value.chars().anyMatch(Character::isISOControl))) {
			throw Open311Exception.badRequest("open311.error.length", name, max);
		}
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String reporterName(String first, String last) {
		String name = ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
		if (name.length() > 60) {
			throw Open311Exception.badRequest("open311.error.length", "first_name", 60);
		}
		return name.isEmpty() ? null : name;
	}

	/** A mobile or landline number of the mainland, sealed at once; never echoed or logged. */
	private ContactSeal.SealedContact phone(String value) {
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
		return seal.seal(Cases.CONTACT_COLUMN, number);
	}

	/** The Open311 parameter a refusal of the intake is about. */
	private static String parameterOf(String field) {
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

	private String serviceNotice(CaseCategory service) {
		return t(service.deadlineUnit() == CaseCategory.DeadlineUnit.WORKING_DAYS ? "open311.notice.days"
				: "open311.notice.hours", service.deadlineAmount());
	}

	private String keywords(CaseCategory c, Locale locale) {
		String key = "open311.keywords." + c.code();
		return messages.getMessage(key, null, "", locale);
	}

	private static Instant date(HttpServletRequest request, String name) {
		String value = single(request, name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() > 40) {
				throw new DateTimeParseException("too long", value, 0);
			}
			return OffsetDateTime.parse(value.strip()).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw Open311Exception.badRequest("open311.error.date", name);
		}
	}

	private static int integer(HttpServletRequest request, String name, int absent, int min, int max) {
		String value = single(request, name);
		if (value == null || value.isBlank()) {
			return absent;
		}
		try {
			if (value.length() > 10) {
				throw new NumberFormatException();
			}
			int number = Integer.parseInt(value.strip());
			if (number < min || number > max) {
				throw new NumberFormatException();
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw Open311Exception.badRequest("open311.error.integer", name, min, max);
		}
	}

	/** One value of a parameter; given twice it is refused rather than guessed at. */
	private static String single(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		if (values == null || values.length == 0) {
			return null;
		}
		if (values.length > 1) {
			throw Open311Exception.badRequest("open311.error.repeated", name);
		}
		// PostgreSQL text cannot hold NUL: refused here rather than failing in the insert
		if (values[0].indexOf('\u0000') >= 0) {
			throw Open311Exception.badRequest("open311.error.nul", name);
		}
		return values[0];
	}

	private static String clip(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

	private static String time(OffsetDateTime time) {
		return time == null ? null : TIME.format(time);
	}

	private static boolean isDefaultPort(HttpServletRequest request) {
		int port = request.getServerPort();
		return port == 80 && "http".equals(request.getScheme()) || port == 443 && "https".equals(request.getScheme());
	}

	private String t(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}
}
