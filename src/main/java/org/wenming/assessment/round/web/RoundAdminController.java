package org.wenming.assessment.round.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.assessment.round.DrawCheck;
import org.wenming.assessment.round.Round;
import org.wenming.assessment.round.RoundDraft;
import org.wenming.assessment.round.RoundRefusedException;
import org.wenming.assessment.round.Rounds;
import org.wenming.assessment.round.SampledPlace;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * The rounds' pages (测评轮次): the city office sets a round up, draws and verifies the sample, assigns
 * it across counties, opens and closes the round; county offices and inspectors see a round and, once
 * it opened, the places that are theirs.
 */
@Controller
@RequestMapping("/admin/assessment/rounds")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'INSPECTOR')")
class RoundAdminController extends PageController {

	/** What a page says after an action, by its name in the redirect. */
	private static final Map<String, String> DONE = Map.of("created", "assessment.round.done.created", "saved",
			"assessment.round.done.saved", "team", "assessment.round.done.team", "member", "assessment.round.done.member",
			"drawn", "assessment.round.done.drawn", "assigned", "assessment.round.done.assigned", "opened",
			"assessment.round.done.opened", "closed", "assessment.round.done.closed");

	private final Rounds rounds;

	private final MessageSource messages;

	RoundAdminController(Rounds rounds, MessageSource messages) {
		this.rounds = rounds;
		this.messages = messages;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user) {
		return new ModelAndView("assessment/round/list",
				Map.of("rounds", rounds.list(user), "mayCreate", rounds.mayCreate(user)));
	}

	@GetMapping("/new")
	ModelAndView newRound(@AuthenticationPrincipal ScopedUser user) {
		requireCreate(user);
		return createPage(Map.of(), null, null, HttpStatus.OK);
	}

	@PostMapping("/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @RequestParam Map<String, String> form,
			Locale locale) {
		requireCreate(user);
		try {
			Round round = rounds.create(draft(form), user);
			return new ModelAndView("redirect:/admin/assessment/rounds/" + round.id() + "?done=created");
		}
		catch (RoundRefusedException ex) {
			return createPage(form, ex.field(), say(ex, locale), status(ex));
		}
	}

	private ModelAndView createPage(Map<String, String> values, String field, String problem, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("frameworks", rounds.publishedFrameworks());
		model.put("values", values);
		model.put("field", field == null ? "" : field);
		model.put("problem", problem == null ? "" : problem);
		return new ModelAndView("assessment/round/new", model, status);
	}

	private void requireCreate(ScopedUser user) {
		if (!rounds.mayCreate(user)) {
			throw new org.springframework.security.access.AccessDeniedException("rounds are set up by the city office");
		}
	}

	@GetMapping("/{id}")
	ModelAndView show(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		Round round = rounds.visible(QueryParameters.id(id), user);
		return page(round, user, null, null, done == null ? null : DONE.get(done), null, Map.of(), HttpStatus.OK);
	}

	@PostMapping("/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam Map<String, String> form, Locale locale) {
		long roundId = QueryParameters.id(id);
		return act(user, roundId, "saved", form, locale, () -> rounds.update(roundId, draft(form), user));
	}

	@PostMapping("/{id}/teams")
	ModelAndView addTeam(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam Map<String, String> form, Locale locale) {
		long roundId = QueryParameters.id(id);
		return act(user, roundId, "team", form, locale,
				() -> rounds.addTeam(roundId, form.get("name"), form.get("homeCounty"), user));
	}

	@PostMapping("/{id}/teams/{teamId}/remove")
	ModelAndView removeTeam(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String teamId, Locale locale) {
		long roundId = QueryParameters.id(id);
		long team = QueryParameters.id(teamId);
		return act(user, roundId, "team", Map.of(), locale, () -> rounds.removeTeam(roundId, team, user));
	}

	@PostMapping("/{id}/teams/{teamId}/members")
	ModelAndView addMember(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String teamId, @RequestParam Map<String, String> form, Locale locale) {
		long roundId = QueryParameters.id(id);
		long team = QueryParameters.id(teamId);
		Map<String, String> values = new HashMap<>(form);
		values.put("team", String.valueOf(team));
		return act(user, roundId, "member", values, locale,
				() -> rounds.addMember(roundId, team, form.get("username"), user));
	}

	@PostMapping("/{id}/teams/{teamId}/members/{userId}/remove")
	ModelAndView removeMember(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String teamId, @PathVariable String userId, Locale locale) {
		long roundId = QueryParameters.id(id);
		long team = QueryParameters.id(teamId);
		long member = QueryParameters.id(userId);
		return act(user, roundId, "member", Map.of(), locale, () -> rounds.removeMember(roundId, team, member, user));
	}

	@PostMapping("/{id}/draw")
	ModelAndView draw(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam Map<String, String> form, Locale locale) {
		long roundId = QueryParameters.id(id);
		return act(user, roundId, "drawn", form, locale, () -> rounds.draw(roundId, seed(form.get("seed")), user));
	}

	@GetMapping("/{id}/verify")
	ModelAndView verify(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, Locale locale) {
		long roundId = QueryParameters.id(id);
		Round round = rounds.managed(roundId, user);
		try {
			DrawCheck check = rounds.verify(roundId, user);
			return page(round, user, null, null, null, check, Map.of(), HttpStatus.OK);
		}
		catch (RoundRefusedException ex) {
			return page(round, user, say(ex, locale), ex.field(), null, null, Map.of(), status(ex));
		}
	}

	@PostMapping("/{id}/assign")
	ModelAndView assign(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, Locale locale) {
		long roundId = QueryParameters.id(id);
		return act(user, roundId, "assigned", Map.of(), locale, () -> rounds.assign(roundId, user));
	}

	@PostMapping("/{id}/open")
	ModelAndView open(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, Locale locale) {
		long roundId = QueryParameters.id(id);
		return act(user, roundId, "opened", Map.of(), locale, () -> rounds.open(roundId, user));
	}

	@PostMapping("/{id}/close")
	ModelAndView close(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, Locale locale) {
		long roundId = QueryParameters.id(id);
		return act(user, roundId, "closed", Map.of(), locale, () -> rounds.close(roundId, user));
	}

	/**
	 * The sample on its own page: the city office's at any time; before the round opens anyone else
	 * is answered "not found" and the attempt audited.
	 */
	@GetMapping("/{id}/sample")
	ModelAndView sample(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long roundId = QueryParameters.id(id);
		Round round = rounds.visible(roundId, user);
		List<SampledPlace> places = rounds.sample(roundId, user);
		return new ModelAndView("assessment/round/sample", Map.of("round", round, "places", places));
	}

	/** Runs a change of the city office's, then shows the round again: the change done, or why it was refused. */
	private ModelAndView act(ScopedUser user, long roundId, String done, Map<String, String> values, Locale locale,
			Runnable change) {
		Round round = rounds.managed(roundId, user);
		try {
			change.run();
			return new ModelAndView("redirect:/admin/assessment/rounds/" + roundId + "?done=" + done);
		}
		catch (RoundRefusedException ex) {
			return page(rounds.find(roundId).orElse(round), user, say(ex, locale), ex.field(), null, null, values,
					status(ex));
		}
	}

	private ModelAndView page(Round round, ScopedUser user, String problem, String field, String done, DrawCheck check,
			Map<String, String> values, HttpStatus status) {
		boolean manages = Rounds.manages(user, round.regionPath());
		List<SampledPlace> sample = List.of();
		if (manages || round.sampleRevealed()) {
			try {
				sample = rounds.sample(round.id(), user);
			}
			catch (OutOfScopeException ex) {
				// not theirs to see: the page shows no places; only asking for the sample itself is audited
				sample = List.of();
			}
		}
		RoundView view = new RoundView(round, manages, manages ? rounds.teams(round.id()) : List.of(),
				rounds.counties(round), sample, manages ? rounds.drawnCounts(round.id()) : Map.of(),
				manages ? rounds.shortfalls(round) : List.of(), manages ? rounds.publishedFrameworks() : List.of(),
				problem, field, done, check, values);
		return new ModelAndView("assessment/round/round", Map.of("view", view), status);
	}

	private String say(RoundRefusedException ex, Locale locale) {
		return messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale);
	}

	private static HttpStatus status(RoundRefusedException ex) {
		return ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
	}

	/** The form's values as a draft; a value of the wrong shape is refused naming its field. */
	static RoundDraft draft(Map<String, String> form) {
		return new RoundDraft(form.get("name"), number(form.get("frameworkId"), "frameworkId"),
				date(form.get("startsOn"), "startsOn"), date(form.get("endsOn"), "endsOn"),
				quota(form.get("quota")));
	}

	static Long number(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (!text.strip().matches("\\d{1,18}")) {
			throw new RoundRefusedException(field, "assessment.round.error.number", false);
		}
		return Long.parseLong(text.strip());
	}

	static Integer quota(String text) {
		Long n = number(text, "quota");
		if (n != null && n > 1000) {
			throw new RoundRefusedException("quota", "assessment.round.error.quota", false);
		}
		return n == null ? null : n.intValue();
	}

	static LocalDate date(String text, String field) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new RoundRefusedException(field, "assessment.round.error.date", false);
		}
	}

	static Long seed(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		if (!text.strip().matches("-?\\d{1,19}")) {
			throw new RoundRefusedException("seed", "assessment.round.error.seed", false);
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new RoundRefusedException("seed", "assessment.round.error.seed", false);
		}
	}
}
