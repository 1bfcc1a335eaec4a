package org.wenming.casework.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.casework.Cases;
import org.wenming.casework.internal.CalendarDays;
import org.wenming.casework.internal.CaseRefusedException;
import org.wenming.casework.internal.CategoryAdministration;
import org.wenming.casework.internal.ResponsibleUnits;
import org.wenming.casework.internal.WorkingCalendar;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Casework administration: the category tree and the working-day calendar (city-level staff: they
 * hold for the whole city), and the responsible units with their handler accounts (office staff,
 * for units in their scope). A refused edit comes back with the message next to the field.
 */
@Controller
class CaseworkAdminPages extends PageController {

	private final Cases cases;

	private final CategoryAdministration categories;

	private final ResponsibleUnits units;

	private final CalendarDays calendar;

	CaseworkAdminPages(Cases cases, CategoryAdministration categories, ResponsibleUnits units, CalendarDays calendar) {
		this.cases = cases;
		this.categories = categories;
		this.units = units;
		this.calendar = calendar;
	}

	@GetMapping("/admin/casework/categories")
	ModelAndView categories(@AuthenticationPrincipal ScopedUser user) {
		requireCityStaff(user);
		return categoriesPage(null, null, null, Map.of(), HttpStatus.OK, false);
	}

	@PostMapping("/admin/casework/categories/{code}")
	ModelAndView updateCategory(@AuthenticationPrincipal ScopedUser user, @PathVariable String code,
			@RequestParam MultiValueMap<String, String> form) {
		requireCityStaff(user);
		if (cases.category(code).isEmpty()) {
			throw new RecordNotFound();
		}
		try {
			categories.update(code, edit(form), user.username());
			return categoriesPage(null, null, null, Map.of(), HttpStatus.OK, true);
		}
		catch (CaseRefusedException ex) {
			return categoriesPage(code, ex.field(), ex.messageKey(), form.toSingleValueMap(), HttpStatus.BAD_REQUEST, false);
		}
	}

	@PostMapping("/admin/casework/categories")
	ModelAndView addCategory(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> form) {
		requireCityStaff(user);
		try {
			categories.addLeaf(form.getFirst("code"), form.getFirst("parentCode"), edit(form), user.username());
			return categoriesPage(null, null, null, Map.of(), HttpStatus.OK, true);
		}
		catch (CaseRefusedException ex) {
			return categoriesPage("NEW", ex.field(), ex.messageKey(), form.toSingleValueMap(), HttpStatus.BAD_REQUEST, false);
		}
	}

	private ModelAndView categoriesPage(String form, String field, String messageKey, Map<String, String> values,
			HttpStatus status, boolean saved) {
		return new ModelAndView("casework/admin/categories", Map.of("categories", cases.categories(), "form",
				form == null ? "" : form, "field", field == null ? "" : field, "messageKey",
				messageKey == null ? "" : messageKey, "values", values, "saved", saved), status);
	}

	private static CategoryAdministration.Edit edit(MultiValueMap<String, String> form) {
		return new CategoryAdministration.Edit(form.getFirst("nameZh"), form.getFirst("nameEn"),
				form.getFirst("deadlineAmount"), form.getFirst("deadlineUnit"), "true".equals(form.getFirst("active")));
	}

	@GetMapping("/admin/casework/units")
	ModelAndView units(@AuthenticationPrincipal ScopedUser user) {
		requireOffice(user);
		return unitsPage(user, null, null, null, Map.of(), HttpStatus.OK, false);
	}

	@PostMapping("/admin/casework/units")
	ModelAndView createUnit(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> form) {
		requireOffice(user);
		try {
			units.create(form.getFirst("name"), form.getFirst("kind"), form.getFirst("regionCode"), user.scope(),
					user.username());
			return unitsPage(user, null, null, null, Map.of(), HttpStatus.OK, true);
		}
		catch (CaseRefusedException ex) {
			return unitsPage(user, "NEW", ex.field(), ex.messageKey(), form.toSingleValueMap(), HttpStatus.BAD_REQUEST,
					false);
		}
	}

	@PostMapping("/admin/casework/units/{id}/members")
	ModelAndView addMember(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam MultiValueMap<String, String> form) {
		ResponsibleUnits.Unit unit = unitInScope(user, id);
		try {
			units.addMember(unit.id(), form.getFirst("username"));
			return unitsPage(user, null, null, null, Map.of(), HttpStatus.OK, true);
		}
		catch (CaseRefusedException ex) {
			return unitsPage(user, String.valueOf(unit.id()), ex.field(), ex.messageKey(), form.toSingleValueMap(),
					HttpStatus.BAD_REQUEST, false);
		}
	}

	@PostMapping("/admin/casework/units/{id}/members/{userId}/remove")
	ModelAndView removeMember(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String userId) {
		ResponsibleUnits.Unit unit = unitInScope(user, id);
		units.removeMember(unit.id(), QueryParameters.id(userId));
		return new ModelAndView("redirect:/admin/casework/units");
	}

	@PostMapping("/admin/casework/units/{id}/active")
	ModelAndView setActive(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String active) {
		ResponsibleUnits.Unit unit = unitInScope(user, id);
		units.setActive(unit.id(), "true".equals(active), user.username());
		return new ModelAndView("redirect:/admin/casework/units");
	}

	private ResponsibleUnits.Unit unitInScope(ScopedUser user, String id) {
		requireOffice(user);
		return units.find(QueryParameters.id(id)).filter(u -> user.scope().covers(u.regionPath()))
				.orElseThrow(() -> new org.wenming.shared.OutOfScopeException("responsible unit", id));
	}

	private ModelAndView unitsPage(ScopedUser user, String form, String field, String messageKey,
			Map<String, String> values, HttpStatus status, boolean saved) {
		List<ResponsibleUnits.Unit> list = units.forScope(user.scope()).stream()
				.filter(u -> user.scope().covers(u.regionPath())).toList();
		Map<Long, List<ResponsibleUnits.Member>> members = new HashMap<>();
		list.forEach(u -> members.put(u.id(), units.members(u.id())));
		Map<String, Object> model = new HashMap<>();
		model.put("units", list);
		model.put("members", members);
		model.put("kinds", ResponsibleUnits.KINDS);
		model.put("form", form == null ? "" : form);
		model.put("field", field == null ? "" : field);
		model.put("messageKey", messageKey == null ? "" : messageKey);
		model.put("values", values);
		model.put("saved", saved);
		return new ModelAndView("casework/admin/units", model, status);
	}

	@GetMapping("/admin/casework/calendar")
	ModelAndView calendar(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String year) {
		requireCityStaff(user);
		return calendarPage(year(year), null, null, Map.of(), HttpStatus.OK, false);
	}

	@PostMapping("/admin/casework/calendar")
	ModelAndView putDay(@AuthenticationPrincipal ScopedUser user, @RequestParam MultiValueMap<String, String> form) {
		requireCityStaff(user);
		LocalDate day = null;
		try {
			day = day(form.getFirst("day"));
			String kind = form.getFirst("kind");
			if (!"HOLIDAY".equals(kind) && !"WORKDAY".equals(kind)) {
				throw CaseRefusedException.invalid("kind", "casework.calendar.kind");
			}
			String name = form.getFirst("name");
			calendar.put(day, WorkingCalendar.DayKind.valueOf(kind), text(name), user.username());
			return calendarPage(day.getYear(), null, null, Map.of(), HttpStatus.OK, true);
		}
		catch (CaseRefusedException ex) {
			int shown = day == null ? LocalDate.now(org.wenming.shared.CityTime.ZONE).getYear() : day.getYear();
			return calendarPage(shown, ex.field(), ex.messageKey(), form.toSingleValueMap(), HttpStatus.BAD_REQUEST, false);
		}
	}

	@PostMapping("/admin/casework/calendar/{day}/remove")
	ModelAndView removeDay(@AuthenticationPrincipal ScopedUser user, @PathVariable String day) {
		requireCityStaff(user);
		LocalDate date;
		try {
			date = day(day);
		}
		catch (CaseRefusedException ex) {
			throw new RecordNotFound();
		}
		calendar.remove(date);
		return new ModelAndView("redirect:/admin/casework/calendar?year=" + date.getYear());
	}

	private ModelAndView calendarPage(int year, String field, String messageKey, Map<String, String> values,
			HttpStatus status, boolean saved) {
		Map<String, Object> model = new HashMap<>();
		model.put("year", year);
		model.put("days", calendar.year(year));
		model.put("field", field == null ? "" : field);
		model.put("messageKey", messageKey == null ? "" : messageKey);
		model.put("values", values);
		model.put("saved", saved);
		return new ModelAndView("casework/admin/calendar", model, status);
	}

	private static String text(String name) {
		if (name == null || name.isBlank()) {
			throw CaseRefusedException.invalid("name", "casework.calendar.name");
		}
		String text = name.strip();
		if (text.length() > 40 || text.codePoints().anyMatch(Character::isISOControl)) {
			throw CaseRefusedException.invalid("name", "casework.calendar.name");
		}
		return text;
	}

	private static LocalDate day(String value) {
		try {
			if (value == null || value.length() != 10) {
				throw new DateTimeParseException("length", String.valueOf(value), 0);
			}
			LocalDate day = LocalDate.parse(value);
			if (day.getYear() < 2000 || day.getYear() > 2100) {
				throw new DateTimeParseException("range", value, 0);
			}
			return day;
		}
		catch (DateTimeParseException ex) {
			throw CaseRefusedException.invalid("day", "casework.calendar.day");
		}
	}

	private static int year(String value) {
		if (value == null || value.isEmpty()) {
			return LocalDate.now(org.wenming.shared.CityTime.ZONE).getYear();
		}
		if (!value.matches("\\d{4}") || Integer.parseInt(value) < 2000 || Integer.parseInt(value) > 2100) {
			throw new org.wenming.platform.InvalidInputException("year", "casework.calendar.year");
		}
		return Integer.parseInt(value);
	}

	/** The category tree and the calendar hold for the whole city: its office (or above) keeps them. */
	private static void requireCityStaff(ScopedUser user) {
		boolean city = user.scope().isEverything() || user.scope().path().split("\\.").length <= 2;
		if (!user.hasRole(Roles.SYSTEM_ADMIN) && !(user.hasRole(Roles.OFFICE_STAFF) && city)) {
			throw new AccessDeniedException("casework administration");
		}
	}

	private static void requireOffice(ScopedUser user) {
		if (!user.hasRole(Roles.SYSTEM_ADMIN) && !user.hasRole(Roles.OFFICE_STAFF)) {
			throw new AccessDeniedException("responsible units");
		}
	}
}
