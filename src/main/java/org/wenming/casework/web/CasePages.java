package org.wenming.casework.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.casework.photo.PhotoContent;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.Cases;
import org.wenming.casework.internal.CaseQueries;
import org.wenming.casework.internal.CaseRefusedException;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The casework pages: the office's case list, the 督办 list, a unit's queue, an inspector's queue,
 * staff entry, and the case page with its history and the steps the visitor may take now. A
 * refused step comes back to the case page with the message next to the field (or the form).
 */
@Controller
class CasePages extends PageController {

	static final int PAGE_SIZE = 20;

	private final CaseDesk desk;

	CasePages(CaseDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/admin/cases")
	ModelAndView office(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page) {
		if (!user.hasRole(Roles.SYSTEM_ADMIN) && !user.hasRole(Roles.OFFICE_STAFF) && !user.hasRole(Roles.INSPECTOR)) {
			throw new AccessDeniedException("case list");
		}
		return list("casework.list.office", "/admin/cases", CaseQueries.Queue.OFFICE, user, filters, page);
	}

	@GetMapping("/admin/cases/supervision")
	ModelAndView supervision(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page) {
		if (!user.hasRole(Roles.SYSTEM_ADMIN) && !user.hasRole(Roles.OFFICE_STAFF)) {
			throw new AccessDeniedException("supervision list");
		}
		return list("casework.list.supervision", "/admin/cases/supervision", CaseQueries.Queue.SUPERVISION, user,
				filters, page);
	}

	@GetMapping("/unit/cases")
	ModelAndView unit(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page) {
		if (!user.hasRole(Roles.UNIT_HANDLER)) {
			throw new AccessDeniedException("unit queue");
		}
		return list("casework.list.unit", "/unit/cases", CaseQueries.Queue.UNIT, user, filters, page);
	}

	@GetMapping("/inspector/cases")
	ModelAndView inspector(@AuthenticationPrincipal ScopedUser user, CaseFilters filters,
			@RequestParam(required = false) String page) {
		if (!user.hasRole(Roles.INSPECTOR)) {
			throw new AccessDeniedException("inspector queue");
		}
		return list("casework.list.inspector", "/inspector/cases", CaseQueries.Queue.INSPECTOR, user, filters, page);
	}

	private ModelAndView list(String titleKey, String path, CaseQueries.Queue queue, ScopedUser user,
			CaseFilters filters, String page) {
		CaseQueries.Page found = desk.queries.list(queue, filters.read(desk.cases, desk.regions),
				Paging.page(page), PAGE_SIZE, user);
		Map<String, Object> model = new HashMap<>();
		model.put("titleKey", titleKey);
		model.put("path", path);
		model.put("filters", filters);
		model.put("found", found);
		model.put("unitNames", desk.queries.unitNames(found.items()));
		model.put("categories", leaves());
		model.put("statuses", CaseStatus.values());
		model.put("sources", CaseSource.values());
		return new ModelAndView("casework/list", model);
	}

	@GetMapping("/admin/cases/new")
	ModelAndView newCase(@AuthenticationPrincipal ScopedUser user) {
		requireEnterer(user);
		return entryForm(Map.of("regionCode", user.scope().regionCode().equals("*") ? "" : user.scope().regionCode()),
				null, null, HttpStatus.OK, user);
	}

	@PostMapping("/admin/cases/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> form) {
		requireEnterer(user);
		Map<String, String> values = values(form, "source", "categoryCode", "description", "address", "latitude",
				"longitude", "regionCode", "reporterName", "reporterContact");
		try {
			Cases.Reported reported = desk.enter(values.get("source"), values.get("categoryCode"),
					values.get("description"), values.get("address"), decimal("latitude", values.get("latitude")),
					decimal("longitude", values.get("longitude")), values.get("regionCode"), values.get("reporterName"),
					values.get("reporterContact"), user);
			return new ModelAndView("redirect:/admin/cases/" + reported.id() + "?done=casework.done.created");
		}
		catch (InvalidInputException ex) {
			return entryForm(values, ex.field(), ex.getMessage(), HttpStatus.BAD_REQUEST, user);
		}
	}

	private ModelAndView entryForm(Map<String, String> values, String field, String messageKey, HttpStatus status,
			ScopedUser user) {
		Map<String, Object> model = new HashMap<>();
		model.put("values", values);
		model.put("field", field == null ? "" : field);
		model.put("messageKey", messageKey == null ? "" : messageKey);
		model.put("categories", leaves());
		List<String> sources = new java.util.ArrayList<>();
		if (user.hasRole(Roles.SYSTEM_ADMIN) || user.hasRole(Roles.OFFICE_STAFF)) {
			sources.add("HOTLINE");
			sources.add("STAFF");
		}
		if (user.hasRole(Roles.INSPECTOR)) {
			sources.add("PATROL");
		}
		model.put("sources", sources);
		return new ModelAndView("casework/new", model, status);
	}

	@GetMapping("/admin/cases/{id}")
	ModelAndView detail(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		long caseId = QueryParameters.id(id);
		return page(caseId, user, null, null, null, Map.of(), done != null && done.matches("casework\\.done\\.[a-zA-Z]+") ? done : "",
				HttpStatus.OK);
	}

	/** One step from the case page's forms; the version read with the page guards against a stale form. */
	@PostMapping("/admin/cases/{id}/steps/{action}")
	ModelAndView step(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @PathVariable String action,
			@RequestParam MultiValueMap<String, String> form,
			@RequestParam(name = "photos", required = false) List<MultipartFile> photos) {
		long caseId = QueryParameters.id(id);
		Map<String, String> values = values(form, "version", "reason", "note", "unitId", "dueAt", "targetId",
				"toUnit", "approvalId");
		try {
			int version = version(values.get("version"));
			switch (action) {
				case "REGISTER" -> desk.workflow.register(caseId, version, user);
				case "REJECT" -> desk.workflow.reject(caseId, version, user, values.get("reason"));
				case "DISPATCH" -> desk.workflow.dispatch(caseId, version, user, number("unitId", values.get("unitId")),
						localTime("dueAt", values.get("dueAt")));
				case "ACCEPT" -> desk.workflow.accept(caseId, version, user);
				case "SUBMIT_FIX" -> {
					desk.visible(caseId, user);
					desk.workflow.submitFix(caseId, version, user, values.get("note"), desk.check(photos));
				}
				case "VERIFY" -> desk.workflow.verify(caseId, version, user, values.get("note"));
				case "REWORK" -> desk.workflow.returnForRework(caseId, version, user, values.get("reason"));
				case "REQUEST_EXTENSION" -> desk.workflow.requestExtension(caseId, version, user,
						localTime("dueAt", values.get("dueAt")), values.get("reason"));
				case "REQUEST_SUSPENSION" -> desk.workflow.requestSuspension(caseId, version, user, values.get("reason"));
				case "APPROVE", "DECLINE" -> desk.workflow.decide(caseId, version, user,
						required("approvalId", number("approvalId", values.get("approvalId"))), action.equals("APPROVE"),
						values.get("reason"));
				case "RESUME" -> desk.workflow.resume(caseId, version, user, values.get("reason"));
				case "REOPEN" -> desk.workflow.reopen(caseId, version, user, values.get("reason"),
						!"false".equals(values.get("toUnit")));
				case "MERGE" -> desk.workflow.merge(caseId, version, user, target(values.get("targetId")),
						values.get("reason"));
				default -> throw new RecordNotFound();
			}
			return new ModelAndView("redirect:/admin/cases/" + caseId + "?done=casework.done." + doneKey(action));
		}
		catch (InvalidInputException ex) {
			// a photo refused by content: shown next to the photo input of the fix form
			return page(caseId, user, action, "photos", ex.getMessage(), values, "", HttpStatus.BAD_REQUEST);
		}
		catch (CaseRefusedException ex) {
			HttpStatus status = switch (ex.kind()) {
				case CONFLICT -> HttpStatus.CONFLICT;
				case FORBIDDEN -> HttpStatus.FORBIDDEN;
				case INVALID -> HttpStatus.BAD_REQUEST;
			};
			String formAction = action.equals("APPROVE") || action.equals("DECLINE") ? "DECIDE" : action;
			return page(caseId, user, formAction, ex.field(), ex.messageKey(), values, "", status);
		}
	}

	/** A photo of a case, to those who may see the case; never anything but the re-encoded image. */
	@GetMapping("/admin/cases/{id}/photos/{photoId}")
	ResponseEntity<byte[]> photo(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String photoId) {
		long caseId = QueryParameters.id(id);
		desk.visible(caseId, user);
		PhotoContent content = desk.photos.open(QueryParameters.id(photoId)).filter(p -> p.photo().caseId() == caseId)
				.orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
				.header("X-Content-Type-Options", "nosniff").header("Content-Disposition", "inline")
				.cacheControl(CacheControl.noStore().cachePrivate()).body(content.bytes());
	}

	private ModelAndView page(long caseId, ScopedUser user, String action, String field, String messageKey,
			Map<String, String> values, String done, HttpStatus status) {
		CaseDesk.Detail detail = desk.detail(caseId, user);
		Map<String, CaseCategory> categories = new LinkedHashMap<>();
		desk.cases.categories().forEach(c -> categories.put(c.code(), c));
		var units = detail.may("DISPATCH") ? desk.units.forScope(user.scope()).stream().filter(u -> u.active()).toList()
				: List.<org.wenming.casework.internal.ResponsibleUnits.Unit>of();
		// by name from the county down; a case placed on the city itself shows the city's name
		String place = desk.regions.find(detail.view().regionCode()).map(region -> {
			String names = desk.regions.breadcrumb(region).stream().skip(2).map(org.wenming.region.Region::name)
					.collect(java.util.stream.Collectors.joining(" "));
			return names.isEmpty() ? region.name() : names;
		}).orElse(detail.view().regionCode());
		CasePage page = new CasePage(detail, categories, units, action, field, messageKey, values, done, place);
		return new ModelAndView("casework/case", Map.of("page", page), status);
	}

	private List<CaseCategory> leaves() {
		return desk.cases.categories().stream().filter(c -> c.leaf() && c.active()).toList();
	}

	private static void requireEnterer(ScopedUser user) {
		if (!user.hasRole(Roles.SYSTEM_ADMIN) && !user.hasRole(Roles.OFFICE_STAFF) && !user.hasRole(Roles.INSPECTOR)) {
			throw new AccessDeniedException("case entry");
		}
	}

	private static String doneKey(String action) {
		return switch (action) {
			case "REQUEST_EXTENSION", "REQUEST_SUSPENSION" -> "requested";
			case "APPROVE", "DECLINE" -> "decided";
			default -> "saved";
		};
	}

	private static Map<String, String> values(MultiValueMap<String, String> form, String... names) {
		Map<String, String> values = new HashMap<>();
		for (String name : names) {
			String value = form.getFirst(name);
			if (value != null) {
				values.put(name, value.length() > 4000 ? value.substring(0, 4000) : value);
			}
		}
		return values;
	}

	private static int version(String value) {
		if (value == null || !value.matches("\\d{1,9}")) {
			throw CaseRefusedException.invalid("version", "casework.version.required");
		}
		return Integer.parseInt(value);
	}

	private static Long number(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.strip().matches("[1-9]\\d{0,17}")) {
			throw CaseRefusedException.invalid(field, "casework.number.invalid");
		}
		return Long.parseLong(value.strip());
	}

	private static long required(String field, Long value) {
		if (value == null) {
			throw CaseRefusedException.invalid(field, "casework.number.invalid");
		}
		return value;
	}

	/** The merge target by its case number or id. */
	private Long target(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.matches("[1-9]\\d{0,17}")) {
			return Long.parseLong(text);
		}
		if (text.length() > 24) {
			throw CaseRefusedException.invalid("targetId", "casework.merge.target");
		}
		return desk.cases.findByNumber(text).map(c -> c.id())
				.orElseThrow(() -> CaseRefusedException.invalid("targetId", "casework.merge.target"));
	}

	/** A datetime-local value, read in city time. */
	private static Instant localTime(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			if (value.length() > 19) {
				throw new DateTimeParseException("length", value, 0);
			}
			return LocalDateTime.parse(value.strip()).atZone(CityTime.ZONE).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw CaseRefusedException.invalid(field, "casework.dueAt.format");
		}
	}

	private static BigDecimal decimal(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!value.strip().matches("-?\\d{1,3}(\\.\\d{1,6})?")) {
			throw new InvalidInputException(field, "casework.entry.coordinate");
		}
		return new BigDecimal(value.strip());
	}
}
