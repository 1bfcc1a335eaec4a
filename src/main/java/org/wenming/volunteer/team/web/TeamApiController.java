package org.wenming.volunteer.team.web;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.wenming.platform.ApiIds;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamPage;
import org.wenming.volunteer.team.TeamQuery;
import org.wenming.volunteer.team.Teams;

/** Teams as open data: public fields only, people's names masked. */
@RestController
@RequestMapping("/api/v1/teams")
class TeamApiController {

	static final int SIZE_MAX = 200;

	private final Teams teams;

	private final Regions regions;

	TeamApiController(Teams teams, Regions regions) {
		this.teams = teams;
		this.regions = regions;
	}

	@GetMapping
	Paging.Page<TeamJson.Public> list(@RequestParam(required = false) String region,
			@RequestParam(required = false) String type, @RequestParam(required = false) String q,
			@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
		String code = QueryParameters.regionCode("region", region);
		Region current = code == null ? teams.homeCity()
				: regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		TeamPage found = teams.list(new TeamQuery(current, TeamInputs.type("type", type), QueryParameters.searchText("q", q),
				Paging.page(page), Paging.size(size, 20, SIZE_MAX)), DataScope.EVERYTHING,
				LocaleContextHolder.getLocale());
		return new Paging.Page<>(found.items().stream().map(TeamJson.Public::of).toList(), found.total(),
				found.page(), found.size(), found.pages());
	}

	@GetMapping("/{id}")
	TeamJson.Public team(@PathVariable String id) {
		Team team = teams.find(ApiIds.id(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return TeamJson.Public.of(team, teams.leaders(team.id()), teams.statistics(team.id()), teams.children(team.id(), LocaleContextHolder.getLocale()));
	}
}
