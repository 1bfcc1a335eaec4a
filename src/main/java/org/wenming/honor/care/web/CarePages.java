package org.wenming.honor.care.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.honor.care.CareGrants;
import org.wenming.honor.care.CareKind;
import org.wenming.honor.care.CareMeasure;
import org.wenming.honor.care.CareMeasures;
import org.wenming.honor.care.CareRefusedException;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.TableDocuments;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * The care register's pages (礼遇帮扶台账), staff of the offices only: the register with its filters and
 * totals and its XLSX export, the measures, and one honoured person's grants with the grant form. A
 * measure or roll entry outside the scope is not found (and recorded as a security event); never public.
 */
@Controller
@RequestMapping("/admin/honor/care")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class CarePages extends PageController {

	private final CareGrants grants;

	private final CareMeasures measures;

	private final MessageSource messages;

	CarePages(CareGrants grants, CareMeasures measures, MessageSource messages) {
		this.grants = grants;
		this.measures = measures;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView register(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String measure, @RequestParam(required = false) String county,
			@RequestParam(required = false) String page, @RequestParam(required = false) String q) {
		CareGrants.Filter filter = filter(year, measure, county);
		String search = QueryParameters.searchText("q", q);
		Paging.Page<CareGrants.Grant> found = grants.register(filter, Paging.page(page), CareGrants.PAGE_SIZE, user);
		StringBuilder query = new StringBuilder();
		if (filter.year() != null) {
			query.append("&year=").append(filter.year());
		}
		if (filter.measureId() != null) {
			query.append("&measure=").append(filter.measureId());
		}
		if (filter.countyCode() != null) {
			query.append("&county=").append(filter.countyCode());
		}
		List<CareMeasures.Office> counties = measures.officesFor(user).stream().filter(o -> o.code().length() == 6)
				.toList();
		return new ModelAndView("honor/care/register", Map.of("view", new CareViews.Register(filter.year(),
				filter.measureId(), filter.countyCode(), measures.visibleTo(user), counties, found,
				grants.totals(filter, user), query.toString(), search == null ? "" : search,
				grants.findHonoured(search, user))));
	}

	@GetMapping("/export.xlsx")
	ResponseEntity<byte[]> export(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String measure, @RequestParam(required = false) String county,
			Locale locale) {
		CareGrants.Filter filter = filter(year, measure, county);
		List<CareGrants.Grant> rows = grants.all(filter, user);
		CareGrants.Totals totals = grants.totals(filter, user);
		List<TableDocuments.Table> tables = new ArrayList<>();
		List<List<Object>> register = new ArrayList<>();
		for (CareGrants.Grant g : rows) {
			register.add(java.util.Arrays.asList(g.name(), t("honor.honour." + g.honour().name(), locale), g.period(),
					g.regionName(), g.measureName(), t(g.kind().messageKey(), locale), g.amount(), g.grantedOn().toString(),
					g.note() == null ? "" : g.note(), g.recordedBy()));
		}
		tables.add(new TableDocuments.Table(t("honor.care.register.title", locale), List.of(
				t("honor.care.col.name", locale), t("honor.care.col.honour", locale), t("honor.care.col.period", locale),
				t("honor.care.col.region", locale), t("honor.care.col.measure", locale), t("honor.care.col.kind", locale),
				t("honor.care.col.amount", locale), t("honor.care.col.grantedOn", locale), t("honor.care.col.note", locale),
				t("honor.care.col.recordedBy", locale)), register));
		tables.add(totalsTable(t("honor.care.totals.byMeasure", locale), totals.byMeasureAndYear(), locale));
		tables.add(totalsTable(t("honor.care.totals.byCounty", locale), totals.byCounty(), locale));
		byte[] body = TableDocuments.xlsx(tables, List.of(t("honor.care.export.note", locale)),
				t("honor.care.export.notes", locale));
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
				.filename("honor-care-" + LocalDate.now(CityTime.ZONE) + ".xlsx", StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(body);
	}

	private TableDocuments.Table totalsTable(String title, List<CareGrants.Total> totals, Locale locale) {
		List<List<Object>> rows = new ArrayList<>();
		totals.forEach(t -> rows.add(List.of(t.name(), t.grants(), t.amount())));
		return new TableDocuments.Table(title, List.of(t("honor.care.col.line", locale), t("honor.care.col.grants", locale),
				t("honor.care.col.amount", locale)), rows);
	}

	@GetMapping("/measures")
	ModelAndView measureList(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return measuresPage(user, null, FormValues.EMPTY, done != null && done.matches("saved") ? done : "",
				HttpStatus.OK);
	}

	@PostMapping("/measures")
	ModelAndView createMeasure(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String regionCode,
			@RequestParam(required = false) String code, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String name, @RequestParam(required = false) String description,
			@RequestParam(required = false) String defaultAmount) {
		try {
			measures.create(regionCode, code, kind, name, description, defaultAmount, user);
			return new ModelAndView("redirect:/admin/honor/care/measures?done=saved");
		}
		catch (CareRefusedException ex) {
			Map<String, String> values = values("regionCode", regionCode, "code", code, "kind", kind, "name", name,
					"description", description, "defaultAmount", defaultAmount);
			return measuresPage(user, null, new FormValues(values, errors(ex)), "", HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/measures/{id}/edit")
	ModelAndView editMeasure(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		CareMeasure m = measures.findForStaff(QueryParameters.id(id), user);
		Map<String, String> values = values("kind", m.kind().name(), "name", m.name(), "description", m.description(),
				"defaultAmount", m.defaultAmount() == null ? "" : m.defaultAmount().toPlainString());
		return measuresPage(user, m, new FormValues(values, FormErrors.NONE), "", HttpStatus.OK);
	}

	@PostMapping("/measures/{id}/edit")
	ModelAndView updateMeasure(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String name,
			@RequestParam(required = false) String description, @RequestParam(required = false) String defaultAmount) {
		CareMeasure m = measures.findForStaff(QueryParameters.id(id), user);
		try {
			measures.update(m.id(), kind, name, description, defaultAmount, user);
			return new ModelAndView("redirect:/admin/honor/care/measures?done=saved");
		}
		catch (CareRefusedException ex) {
			Map<String, String> values = values("kind", kind, "name", name, "description", description, "defaultAmount",
					defaultAmount);
			return measuresPage(user, m, new FormValues(values, errors(ex)), "", HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/measures/{id}/active")
	String activate(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String active) {
		if (!"true".equals(active) && !"false".equals(active)) {
			throw new InvalidInputException("active", "must be true or false");
		}
		measures.setActive(QueryParameters.id(id), Boolean.parseBoolean(active), user);
		return "redirect:/admin/honor/care/measures?done=saved";
	}

	@GetMapping("/entries/{rollEntryId}")
	ModelAndView entry(@AuthenticationPrincipal ScopedUser user, @PathVariable String rollEntryId,
			@RequestParam(required = false) String done) {
		long id = QueryParameters.id(rollEntryId);
		return entryPage(user, id, FormValues.EMPTY, "granted".equals(done), HttpStatus.OK);
	}

	@PostMapping("/entries/{rollEntryId}/grants")
	ModelAndView grant(@AuthenticationPrincipal ScopedUser user, @PathVariable String rollEntryId,
			@RequestParam(required = false) String measureId, @RequestParam(required = false) String amount,
			@RequestParam(required = false) String grantedOn, @RequestParam(required = false) String note) {
		long id = QueryParameters.id(rollEntryId);
		grants.honouredForStaff(id, user);
		try {
			grants.grant(id, measureId, amount, grantedOn, note, user);
			return new ModelAndView("redirect:/admin/honor/care/entries/" + id + "?done=granted");
		}
		catch (CareRefusedException ex) {
			Map<String, String> values = values("measureId", measureId, "amount", amount, "grantedOn", grantedOn, "note",
					note);
			return entryPage(user, id, new FormValues(values, errors(ex)), false, HttpStatus.BAD_REQUEST);
		}
	}

	private ModelAndView entryPage(ScopedUser user, long id, FormValues form, boolean granted, HttpStatus status) {
		CareGrants.Honoured person = grants.honouredForStaff(id, user);
		List<CareMeasure> usable = measures.visibleTo(user).stream()
				.filter(m -> m.active() && m.covers(person.regionPath())).toList();
		ModelAndView page = new ModelAndView("honor/care/entry", Map.of("view", new CareViews.Entry(person,
				grants.ofEntry(id, user), usable, form, LocalDate.now(CityTime.ZONE).toString(), granted)));
		page.setStatus(status);
		return page;
	}

	private ModelAndView measuresPage(ScopedUser user, CareMeasure editing, FormValues form, String done,
			HttpStatus status) {
		ModelAndView page = new ModelAndView("honor/care/measures", Map.of("view", new CareViews.Measures(
				measures.visibleTo(user), measures.officesFor(user), editing, form, List.of(CareKind.values()), done)));
		page.setStatus(status);
		return page;
	}

	static CareGrants.Filter filter(String year, String measure, String county) {
		Integer y = null;
		if (year != null && !year.isBlank()) {
			if (!year.strip().matches("(19|20)\\d{2}")) {
				throw new InvalidInputException("year", "must be a year");
			}
			y = Integer.valueOf(year.strip());
		}
		Long m = null;
		if (measure != null && !measure.isBlank()) {
			if (!measure.strip().matches("\\d{1,18}")) {
				throw new InvalidInputException("measure", "must be a measure's id");
			}
			m = Long.valueOf(measure.strip());
		}
		String c = null;
		if (county != null && !county.isBlank()) {
			if (!county.strip().matches("\\d{6}")) {
				throw new InvalidInputException("county", "must be a county's code");
			}
			c = county.strip();
		}
		return new CareGrants.Filter(y, m, c);
	}

	private static FormErrors errors(CareRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return errors;
	}

	private static Map<String, String> values(String... pairs) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			values.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
		}
		return values;
	}

	private String t(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
