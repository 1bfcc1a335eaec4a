package org.wenming.volunteer.team.web;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageSections;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.MembershipStatus;
import org.wenming.volunteer.team.MyMembership;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamQuery;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;

/** The public team directory (志愿服务队伍) by region, each team's page, and applying to join. */
@Controller
class TeamDirectoryController extends TeamPageErrors {

	static final int PAGE_SIZE = 20;

	private final Teams teams;

	private final Regions regions;

	/** Sections other modules add to a team's page (brand projects and awards, ...). */
	private final ObjectProvider<PageSections> sections;

	TeamDirectoryController(Teams teams, Regions regions, MessageSource messages, ObjectProvider<PageSections> sections) {
		super(messages);
		this.teams = teams;
		this.regions = regions;
		this.sections = sections;
	}

	@GetMapping("/teams")
	ModelAndView directory(@RequestParam(required = false) String region, @RequestParam(required = false) String type,
			@RequestParam(required = false) String q, @RequestParam(required = false) String page) {
		String code = QueryParameters.regionCode("region", region);
		Region current = code == null ? teams.homeCity() : regions.find(code).orElseThrow(RecordNotFound::new);
		TeamType typeFilter = TeamInputs.type("type", type);
		TeamQuery query = new TeamQuery(current, typeFilter, QueryParameters.searchText("q", q), Paging.page(page),
				PAGE_SIZE);
		TeamDirectoryView view = new TeamDirectoryView("/teams", current, regions.breadcrumb(current),
				regions.children(current.code()), teams.list(query, DataScope.EVERYTHING, LocaleContextHolder.getLocale()), typeFilter, query.text());
		return new ModelAndView("team/directory", Map.of("view", view));
	}

	@GetMapping("/teams/{id}")
	ModelAndView team(@PathVariable String id, @AuthenticationPrincipal ScopedUser user,
			@RequestParam(defaultValue = "false") boolean applied) {
		Team team = teams.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		Region region = regions.find(team.regionCode()).orElseThrow(RecordNotFound::new);
		boolean volunteer = teams.volunteerId(user).isPresent();
		MembershipStatus open = teams.myMemberships(user).stream()
				.filter(m -> m.teamId() == team.id() && m.open()).map(MyMembership::status).findFirst().orElse(null);
		TeamView view = new TeamView(team, team.parentId() == null ? null : teams.find(team.parentId()).orElse(null),
				teams.children(team.id(), LocaleContextHolder.getLocale()), regions.breadcrumb(region), teams.site(team).orElse(null),
				teams.leaders(team.id()), teams.maskedMemberNames(team.id()), teams.statistics(team.id()),
				TeamView.visitor(user != null, volunteer, open, team.active()), applied);
		return new ModelAndView("team/team", Map.of("view", view, "sections",
				PageSections.team(sections.orderedStream().toList(), team.id(), LocaleContextHolder.getLocale())));
	}

	@PostMapping("/teams/{id}/apply")
	String apply(@PathVariable String id, @AuthenticationPrincipal ScopedUser user) {
		Team team = teams.find(QueryParameters.id(id)).orElseThrow(RecordNotFound::new);
		teams.apply(team.id(), user);
		return "redirect:/teams/" + team.id() + "?applied=true";
	}
}
