package org.wenming.honor.roll.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.wenming.honor.Honour;
import org.wenming.honor.roll.NoticePeriods;
import org.wenming.honor.roll.PublicRoll;
import org.wenming.honor.roll.Roll;
import org.wenming.honor.vetting.Office;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.region.FieldProblem;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * The city office's honours desk: notice periods ({@code /admin/honor/notices}: the list, and a new one
 * chosen from the shortlist), publication, rejection and the province's and the nation's picks
 * ({@code /admin/honor/roll}), and the export of the public roll in scope ({@code /admin/honor/roll/export.csv}).
 * A step refused shows the page again with the reasons (400).
 */
@Controller
class RollAdminPages extends PageController {

	private final NoticePeriods notices;

	private final Roll roll;

	private final PublicRoll publicRoll;

	private final Regions regions;

	private final MessageSource messages;

	RollAdminPages(NoticePeriods notices, Roll roll, PublicRoll publicRoll, Regions regions, MessageSource messages) {
		this.notices = notices;
		this.roll = roll;
		this.publicRoll = publicRoll;
		this.regions = regions;
		this.messages = messages;
	}

	@GetMapping("/admin/honor/notices")
	ModelAndView notices(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return noticesPage(user, done != null && done.matches("\\d{1,18}") ? done : "", List.of(),
				HttpServletResponse.SC_OK);
	}

	private ModelAndView noticesPage(ScopedUser user, String done, List<FieldProblem> problems, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("periods", notices.periods(user));
		model.put("candidates", notices.shortlist(user));
		model.put("days", notices.defaultDays());
		model.put("city", cityCode(user));
		model.put("done", done);
		model.put("problems", problems);
		model.put("now", java.time.Instant.now());
		ModelAndView view = new ModelAndView("honor/roll/notices", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	private String cityCode(ScopedUser user) {
		Office office = Office.of(user, regions).orElseThrow(() -> new AccessDeniedException("office staff only"));
		return office.region() == null ? "" : office.region().code();
	}

	@PostMapping("/admin/honor/notices")
	ModelAndView open(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String regionCode,
			@RequestParam(required = false) String quarter, @RequestParam(required = false) String title,
			@RequestParam(required = false) String startsAt, @RequestParam(required = false) String days,
			@RequestParam(required = false) List<String> nominationIds) {
		List<FieldProblem> problems = new ArrayList<>();
		java.time.Instant starts = null;
		if (startsAt != null && !startsAt.isBlank()) {
			try {
				starts = LocalDateTime.parse(startsAt.strip()).atZone(CityTime.ZONE).toInstant();
			}
			catch (DateTimeParseException ex) {
				problems.add(new FieldProblem("startsAt", "honor.roll.error.startsAt"));
			}
		}
		Integer length = null;
		if (days != null && !days.isBlank()) {
			if (days.strip().matches("\\d{1,3}")) {
				length = Integer.valueOf(days.strip());
			}
			else {
				problems.add(new FieldProblem("days", "honor.roll.error.days"));
			}
		}
		List<Long> ids = ids(nominationIds, problems);
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		long id = notices.open(regionCode, quarter, title, starts, length, ids, user);
		return new ModelAndView("redirect:/admin/honor/notices?done=" + id);
	}

	@GetMapping("/admin/honor/roll")
	ModelAndView roll(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String done) {
		return rollPage(user, done != null && done.matches("[A-Z_]{1,24}") ? done : "", List.of(),
				HttpServletResponse.SC_OK);
	}

	private ModelAndView rollPage(ScopedUser user, String done, List<FieldProblem> problems, int status) {
		Map<String, Object> model = new HashMap<>();
		model.put("review", roll.inReview(user));
		model.put("entries", roll.entries(user, 100));
		model.put("honours", List.of(Honour.PROVINCE_GOOD, Honour.NATION_GOOD, Honour.CITY_MORAL_MODEL,
				Honour.PROVINCE_MORAL_MODEL, Honour.NATION_MORAL_MODEL));
		model.put("done", done);
		model.put("problems", problems);
		ModelAndView view = new ModelAndView("honor/roll/roll-admin", model);
		view.setStatus(HttpStatusCode.valueOf(status));
		return view;
	}

	@PostMapping("/admin/honor/roll/publish")
	ModelAndView publish(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String quarter,
			@RequestParam(required = false) List<String> nominationIds) {
		List<FieldProblem> problems = new ArrayList<>();
		List<Long> ids = ids(nominationIds, problems);
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		roll.publish(ids, quarter, user);
		return new ModelAndView("redirect:/admin/honor/roll?done=PUBLISHED");
	}

	@PostMapping("/admin/honor/roll/{id}/reject")
	ModelAndView reject(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String reason) {
		roll.reject(QueryParameters.id(id), reason, user);
		return new ModelAndView("redirect:/admin/honor/roll?done=REJECTED");
	}

	@PostMapping("/admin/honor/roll/pick")
	ModelAndView pick(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String nominationId,
			@RequestParam(required = false) String honour, @RequestParam(required = false) String period,
			@RequestParam(required = false) String decisionDocument) {
		if (nominationId == null || !nominationId.strip().matches("\\d{1,18}")) {
			throw VettingRefusedException.invalid("nominationId", "honor.roll.error.unknownNomination");
		}
		Honour h;
		try {
			h = honour == null ? null : Honour.valueOf(honour.strip());
		}
		catch (IllegalArgumentException ex) {
			throw VettingRefusedException.invalid("honour", "honor.roll.error.honour");
		}
		roll.recordPick(Long.parseLong(nominationId.strip()), h, period, decisionDocument, user);
		return new ModelAndView("redirect:/admin/honor/roll?done=" + h.name());
	}

	/** The public roll in the staff member's scope as CSV (what the public sees: consented entries only). */
	@GetMapping("/admin/honor/roll/export.csv")
	void export(@AuthenticationPrincipal ScopedUser user, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		roll.inReview(user); // the city office only
		Locale locale = RequestContextUtils.getLocale(request);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"honor-roll.csv\"");
		response.setHeader("Cache-Control", "no-store");
		Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		// the CSV printer flushes and closes the response's writer
		publicRoll.export(user.scope(), out, key -> messages.getMessage(key, null, key, locale));
	}

	private static List<Long> ids(List<String> values, List<FieldProblem> problems) {
		List<Long> ids = new ArrayList<>();
		if (values == null) {
			return ids;
		}
		for (int i = 0; i < values.size(); i++) {
			String v = values.get(i) == null ? "" : values.get(i).strip();
			if (v.matches("\\d{1,18}")) {
				ids.add(Long.valueOf(v));
			}
			else {
				problems.add(new FieldProblem("nominationIds[" + i + "]", "honor.roll.error.unknownNomination"));
			}
		}
		return ids;
	}

	@ExceptionHandler(VettingRefusedException.class)
	ModelAndView refused(VettingRefusedException ex, @AuthenticationPrincipal ScopedUser user,
			HttpServletRequest request) {
		int status = ex.kind() == VettingRefusedException.Kind.CONFLICT ? HttpServletResponse.SC_CONFLICT
				: HttpServletResponse.SC_BAD_REQUEST;
		ModelAndView view = request.getRequestURI().startsWith("/admin/honor/notices")
				? noticesPage(user, "", ex.problems(), status) : rollPage(user, "", ex.problems(), status);
		view.addObject("ctx", new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI()));
		return view;
	}
}
