package org.wenming.casework.open311;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.open311.GeoReport.Items;
import org.wenming.casework.open311.ServiceAttributes.Attribute;

/**
 * The GeoReport v2 documents, as ordered fields (so XML and JSON have the same fields in the same
 * order, nulls included), in the request's language: names and descriptions from the bundle
 * ({@code messages/open311}); never a reporter's name or contact.
 */
@Component
class GeoReportDocuments {

	static final String CHANGESET = "2026-11-29T00:00:00+08:00";

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	private final MessageSource messages;

	private final Open311Properties properties;

	GeoReportDocuments(MessageSource messages, Open311Properties properties) {
		this.messages = messages;
		this.properties = properties;
	}

	/** Discovery, for the endpoint at {@code base} (as the client reached it). */
	Map<String, Object> discovery(String base) {
		List<Object> formats = List.of("text/xml", "application/json");
		Map<String, Object> endpoint = GeoReport.fields("specification", "http://wiki.open311.org/GeoReport_v2",
				"url", base, "changeset", CHANGESET, "type", "production", "formats", new Items("format", formats));
		return GeoReport.fields("changeset", CHANGESET, "contact", properties.contact(), "key_service",
				properties.keyService(), "jurisdiction_id", properties.jurisdictionId(), "extensions",
				text("open311.discovery.extensions", RequestQuery.MAX_PAGE_SIZE), "endpoints",
				new Items("endpoint", List.of(endpoint)));
	}

	/** The active leaves of the category tree, each with its parent's name as the group. */
	List<Map<String, Object>> services(List<CaseCategory> categories) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, CaseCategory> groups = new LinkedHashMap<>();
		categories.stream().filter(c -> !c.leaf()).forEach(c -> groups.put(c.code(), c));
		List<Map<String, Object>> services = new ArrayList<>();
		for (CaseCategory c : categories) {
			if (!c.leaf() || !c.active()) {
				continue;
			}
			CaseCategory group = c.parentCode() == null ? null : groups.get(c.parentCode());
			services.add(GeoReport.fields("service_code", c.code(), "service_name", c.name(locale), "description",
					c.description(locale), "metadata", !ServiceAttributes.of(c.code()).isEmpty(), "type", "realtime",
					"keywords", messages.getMessage("open311.keywords." + c.code(), null, "", locale), "group",
					group == null ? null : group.name(locale)));
		}
		return services;
	}

	Map<String, Object> definition(CaseCategory service) {
		List<Map<String, Object>> attributes = new ArrayList<>();
		for (Attribute a : ServiceAttributes.of(service.code())) {
			String key = "open311.attribute." + service.code() + "." + a.code();
			List<Object> values = new ArrayList<>();
			for (String v : a.values()) {
				values.add(GeoReport.fields("key", v, "name", text(key + "." + v)));
			}
			attributes.add(GeoReport.fields("variable", true, "code", a.code(), "datatype", a.datatype().specName(),
					"required", a.required(), "datatype_description",
					a.datatype().list() ? null : text("open311.attribute.maxLength", a.maxLength()), "order", a.order(),
					"description", text(key), "values", a.datatype().list() ? new Items("value", values) : null));
		}
		return GeoReport.fields("service_code", service.code(), "attributes", new Items("attribute", attributes));
	}

	List<Map<String, Object>> requests(List<ServiceRequests.Row> rows) {
		boolean chinese = "zh".equals(LocaleContextHolder.getLocale().getLanguage());
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
		return items;
	}

	/**
	 * The answer to a POST: the spec gives a server the choice of {@code service_request_id} (the
	 * request is created at once) or {@code token} (it is queued); the case is created at once.
	 */
	List<Map<String, Object>> created(Open311Desk.Created created) {
		return List.of(GeoReport.fields("service_request_id", created.reported().caseNumber(), "service_notice",
				serviceNotice(created.service()), "account_id", null));
	}

	List<Map<String, Object>> token(String caseNumber, String token) {
		return List.of(GeoReport.fields("service_request_id", caseNumber, "token", token));
	}

	String describe(Open311Exception refusal) {
		return text(refusal.messageKey(), refusal.args());
	}

	String text(String key, Object... args) {
		return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
	}

	private String statusNotes(ServiceRequests.Row r) {
		return switch (r.status()) {
			case REJECTED -> r.rejection();
			case MERGED -> r.mergedInto() == null ? null : text("open311.notes.merged", r.mergedInto());
			default -> null;
		};
	}

	private String serviceNotice(CaseCategory service) {
		return text(service.deadlineUnit() == CaseCategory.DeadlineUnit.WORKING_DAYS ? "open311.notice.days"
				: "open311.notice.hours", service.deadlineAmount());
	}

	private static String time(OffsetDateTime time) {
		return time == null ? null : TIME.format(time);
	}
}
