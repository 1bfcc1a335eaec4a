package org.wenming.volunteer.team.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.RegionProperties;
import org.wenming.region.RegionChoice;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.MembershipStatus;
import org.wenming.volunteer.team.StaleTeamException;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamDraft;
import org.wenming.volunteer.team.TeamPage;
import org.wenming.volunteer.team.TeamQuery;
import org.wenming.volunteer.team.TeamRefusedException;
import org.wenming.volunteer.team.TeamRules;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/**
 * Team management pages: civilization-office staff for every team in their scope, leaders for the
 * teams they lead (and those below). Who may do what is decided by {@link Teams}.
 */
@Controller
@RequestMapping("/admin/teams")
class TeamAdminController extends TeamPageErrors {

	static final int PAGE_SIZE = 20;

	/** How many applications and members one page lists. */
	static final int ROWS_SHOWN = 500;

	private final Teams teams;

	private final Regions regions;

	private final String homeCity;

	TeamAdminController(Teams teams, MessageSource messages, Regions regions,
			RegionProperties region) {
		super(messages);
		this.teams = teams;
		this.regions = regions;
		this.homeCity = region.city();
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String type, @RequestParam(required = false) String q,
			@RequestParam(required = false) String page) {
		if (!teams.mayManageAny(user)) {
			throw new AccessDeniedException("managing teams needs a staff role or a team to lead");
		}
		Region start = teams.managingRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		TeamType typeFilter = TeamInputs.type("type", type);
		TeamQuery query = new TeamQuery(start, typeFilter, QueryParameters.searchText("q", q), Paging.page(page),
				PAGE_SIZE);
		TeamPage found = teams.listForManaging(query, user, LocaleContextHolder.getLocale());
		TeamDirectoryView view = new TeamDirectoryView("/admin/teams", start, List.of(), List.of(), found, typeFilter,
				query.text());
		return new ModelAndView("team/admin-list", Map.of("view", view, "staff", Teams.isStaff(user)));
	}

	@GetMapping("/new")
	ModelAndView newTeam(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String parent) {
		requireStaff(user);
		Region start = teams.managingRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		String parentId = parent == null || parent.isEmpty() ? "" : String.valueOf(QueryParameters.id(parent));
		return form(TeamFormView.of(null, TeamForm.empty(start.code(), parentId), List.of(), false), HttpStatus.OK)
			.addObject("region", regionChoice(user, start.code()));
	}

	@PostMapping("/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @ModelAttribute TeamForm form) {
		requireStaff(user);
		List<FieldProblem> problems = new ArrayList<>();
		TeamDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw refusedWithAll(problems, draft, true);
			}
			Team team = teams.create(draft, user);
			return new ModelAndView("redirect:/admin/teams/" + team.id() + "/edit?saved=true");
		}
		catch (TeamRefusedException ex) {
			return form(TeamFormView.of(null, form, ex.problems(), false), HttpStatus.BAD_REQUEST)
				.addObject("region", regionChoice(user, form.regionCode()));
		}
	}

	/** A new team's region is picked inside the staff member's own region. */
	private RegionChoice regionChoice(ScopedUser user, String selected) {
		String root = user.scope().isEverything() ? homeCity : user.scope().regionCode();
		return regions.choice("regionCode", root, selected, true);
	}

	@GetMapping("/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(defaultValue = "false") boolean saved) {
		Team team = teams.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		ModelAndView page = form(TeamFormView.of(team, TeamForm.of(team), List.of(), false), HttpStatus.OK);
		page.addObject("saved", saved);
		return page;
	}

	@PostMapping("/{id}/edit")
	ModelAndView update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@ModelAttribute TeamForm form) {
		Team team = teams.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		List<FieldProblem> problems = new ArrayList<>();
		TeamDraft draft = form.draft(problems);
		try {
			if (!problems.isEmpty()) {
				throw refusedWithAll(problems, draft, false);
			}
			teams.update(team.id(), form.versionOrInvalid(), draft, user).orElseThrow(RecordNotFound::new);
			return new ModelAndView("redirect:/admin/teams/" + team.id() + "/edit?saved=true");
		}
		catch (TeamRefusedException ex) {
			return form(TeamFormView.of(team, form, ex.problems(), false), HttpStatus.BAD_REQUEST);
		}
		catch (StaleTeamException ex) {
			return form(TeamFormView.of(team, form, List.of(), true), HttpStatus.CONFLICT);
		}
	}

	@GetMapping("/{id}/members")
	ModelAndView members(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		Team team = teams.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		String doneKey = done == null || !done.matches("approve|decline|remove|leaderAdded|leaderRemoved") ? null
				: "team.done." + done;
		return membersPage(team, user, Map.of(), Map.of(), doneKey, HttpStatus.OK);
	}

	@PostMapping("/{id}/members/{membershipId}/{action}")
	ModelAndView decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String membershipId, @PathVariable String action,
			@RequestParam(required = false) String reason) {
		Team team = teams.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		long membership = QueryParameters.id(membershipId);
		try {
			switch (action) {
				case "approve" -> teams.approve(team.id(), membership, user);
				case "decline" -> teams.decline(team.id(), membership, reason, user);
				case "remove" -> teams.remove(team.id(), membership, reason, user);
				default -> throw new RecordNotFound();
			}
		}
		catch (TeamRefusedException ex) {
			return membersPage(team, user, Map.of(String.valueOf(membership), ex.problems().get(0).messageKey()),
					Map.of(String.valueOf(membership), reason == null ? "" : reason), null, HttpStatus.BAD_REQUEST);
		}
		return new ModelAndView("redirect:/admin/teams/" + team.id() + "/members?done=" + action);
	}

	@PostMapping("/{id}/leaders")
	ModelAndView addLeader(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String username) {
		Team team = teams.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		try {
			teams.assignLeader(team.id(), username, user);
		}
		catch (TeamRefusedException ex) {
			return membersPage(team, user, Map.of("leader", ex.problems().get(0).messageKey()),
					Map.of("leader", username == null ? "" : username), null, HttpStatus.BAD_REQUEST);
		}
		return new ModelAndView("redirect:/admin/teams/" + team.id() + "/members?done=leaderAdded");
	}

	@PostMapping("/{id}/leaders/{userId}/remove")
	String removeLeader(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String userId) {
		Team team = teams.findForManaging(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
		teams.removeLeader(team.id(), QueryParameters.id(userId), user);
		return "redirect:/admin/teams/" + team.id() + "/members?done=leaderRemoved";
	}

	private ModelAndView membersPage(Team team, ScopedUser user, Map<String, String> errors, Map<String, String> values,
			String done, HttpStatus status) {
		MembersView view = new MembersView(team, teams.memberRows(team, MembershipStatus.APPLIED, ROWS_SHOWN),
				teams.memberRows(team, MembershipStatus.MEMBER, ROWS_SHOWN), teams.leaders(team.id()),
				Teams.isStaff(user) && user.scope().covers(team.regionPath()), errors, values, done);
		return new ModelAndView("team/admin-members", Map.of("view", view), status);
	}

	private static void requireStaff(ScopedUser user) {
		if (!Teams.isStaff(user)) {
			throw new AccessDeniedException("creating teams needs one of " + Teams.STAFF_ROLES);
		}
	}

	/** Type errors and rule errors together, so the person sees every problem at once. */
	private static TeamRefusedException refusedWithAll(List<FieldProblem> typeProblems, TeamDraft draft,
			boolean creating) {
		List<FieldProblem> all = new ArrayList<>(typeProblems);
		all.addAll(TeamRules.check(draft.trimmed(), creating));
		return new TeamRefusedException(all);
	}

	private static ModelAndView form(TeamFormView view, HttpStatus status) {
		ModelAndView page = new ModelAndView("team/admin-form", status);
		page.addObject("view", view);
		page.addObject("saved", false);
		return page;
	}
}
