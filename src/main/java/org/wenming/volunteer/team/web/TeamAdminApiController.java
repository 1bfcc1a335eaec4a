package org.wenming.volunteer.team.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.platform.ApiIds;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.MembershipRefusedException;
import org.wenming.volunteer.team.MembershipStatus;
import org.wenming.volunteer.team.StaleTeamException;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamDraft;
import org.wenming.volunteer.team.TeamLevel;
import org.wenming.volunteer.team.TeamPage;
import org.wenming.volunteer.team.TeamQuery;
import org.wenming.volunteer.team.TeamRefusedException;
import org.wenming.volunteer.team.TeamRules;
import org.wenming.volunteer.team.TeamStatus;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/** Team management over JSON for staff (in their scope) and leaders (their teams). */
@RestController
@RequestMapping("/api/v1/admin/teams")
class TeamAdminApiController {

	static final int SIZE_MAX = 500;

	private final Teams teams;

	private final MessageSource messages;

	TeamAdminApiController(Teams teams, MessageSource messages) {
		this.teams = teams;
		this.messages = messages;
	}

	@GetMapping
	Paging.Page<TeamJson.Staff> list(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String region, @RequestParam(required = false) String type,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page,
			@RequestParam(required = false) String size) {
		if (!teams.mayManageAny(user)) {
			throw new AccessDeniedException("managing teams needs a staff role or a team to lead");
		}
		Region start = teams.managingRegion(QueryParameters.regionCode("region", region), user)
				.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
		TeamPage found = teams.listForManaging(new TeamQuery(start, TeamInputs.type("type", type),
				QueryParameters.searchText("q", q), Paging.page(page), Paging.size(size, 50, SIZE_MAX)), user,
				LocaleContextHolder.getLocale());
		return new Paging.Page<>(found.items().stream().map(TeamJson.Staff::of).toList(), found.total(),
				found.page(), found.size(), found.pages());
	}

	@GetMapping("/{id}")
	TeamJson.Staff team(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return TeamJson.Staff.of(teams.findForManaging(ApiIds.id(id), user).orElseThrow(TeamAdminApiController::notFound));
	}

	@PostMapping
	ResponseEntity<TeamJson.Staff> create(@AuthenticationPrincipal ScopedUser user, @RequestBody TeamJson.Input input) {
		Team team = teams.create(draft(input, true), user);
		return ResponseEntity.created(URI.create("/api/v1/admin/teams/" + team.id())).body(TeamJson.Staff.of(team));
	}

	@PutMapping("/{id}")
	TeamJson.Staff update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody TeamJson.Input input) {
		long teamId = ApiIds.id(id);
		teams.findForManaging(teamId, user).orElseThrow(TeamAdminApiController::notFound);
		TeamDraft draft = draft(input, false);
		if (input.version() == null) {
			throw new InvalidInputException("version", "is required: the version of the team you edited");
		}
		return TeamJson.Staff.of(teams.update(teamId, input.version(), draft, user)
				.orElseThrow(TeamAdminApiController::notFound));
	}

	@GetMapping("/{id}/members")
	TeamJson.Members members(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Team team = teams.findForManaging(ApiIds.id(id), user).orElseThrow(TeamAdminApiController::notFound);
		return new TeamJson.Members(
				teams.memberRows(team, MembershipStatus.APPLIED, SIZE_MAX).stream().map(TeamJson.Member::of).toList(),
				teams.memberRows(team, MembershipStatus.MEMBER, SIZE_MAX).stream().map(TeamJson.Member::of).toList());
	}

	@PostMapping("/{id}/members/{membershipId}/{action}")
	ResponseEntity<Void> decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String membershipId, @PathVariable String action,
			@RequestBody(required = false) TeamJson.Decision decision) {
		long teamId = ApiIds.id(id);
		long membership = ApiIds.id(membershipId);
		String reason = decision == null ? null : decision.reason();
		switch (action) {
			case "approve" -> teams.approve(teamId, membership, user);
			case "decline" -> teams.decline(teamId, membership, reason, user);
			case "remove" -> teams.remove(teamId, membership, reason, user);
			default -> throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	/** Enumerations are read as text so that a wrong value is named like any other refused field. */
	private static TeamDraft draft(TeamJson.Input input, boolean creating) {
		List<FieldProblem> problems = new ArrayList<>();
		TeamLevel level = input.level() == null ? null : TeamLevel.parse(input.level()).orElse(null);
		if (input.level() != null && level == null) {
			problems.add(new FieldProblem("level", "team.error.level"));
		}
		TeamType type = input.type() == null ? null : TeamType.parse(input.type()).orElse(null);
		if (input.type() != null && type == null) {
			problems.add(new FieldProblem("type", "team.error.type"));
		}
		TeamStatus status = input.status() == null ? TeamStatus.ACTIVE : TeamStatus.parse(input.status()).orElse(null);
		if (status == null) {
			problems.add(new FieldProblem("status", "team.error.status"));
		}
		TeamDraft draft = new TeamDraft(input.parentId(), level, input.regionCode(), input.name(), type,
				input.practiceSiteId(), input.contactName(), input.contactPhone(), input.description(), status);
		if (!problems.isEmpty()) {
			problems.addAll(TeamRules.check(draft.trimmed(), creating));
			throw new TeamRefusedException(problems);
		}
		return draft;
	}

	@ExceptionHandler(TeamRefusedException.class)
	ProblemDetail refused(TeamRefusedException ex, Locale locale) {
		return TeamProblems.refused(ex.problems(), messages, locale);
	}

	@ExceptionHandler(StaleTeamException.class)
	ResponseEntity<ProblemDetail> stale() {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(TeamProblems.stale());
	}

	@ExceptionHandler(MembershipRefusedException.class)
	ResponseEntity<ProblemDetail> membershipRefused(MembershipRefusedException ex, Locale locale) {
		HttpStatus status = ex.kind() == MembershipRefusedException.Kind.FORBIDDEN ? HttpStatus.FORBIDDEN
				: HttpStatus.CONFLICT;
		return ResponseEntity.status(status).body(TeamProblems.membership(status, ex.messageKey(), messages, locale));
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}
}
