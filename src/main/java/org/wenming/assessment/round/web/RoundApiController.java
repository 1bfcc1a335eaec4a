package org.wenming.assessment.round.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.account.AccountSummary;
import org.wenming.assessment.round.DrawCheck;
import org.wenming.assessment.round.Round;
import org.wenming.assessment.round.RoundDraft;
import org.wenming.assessment.round.RoundRefusedException;
import org.wenming.assessment.round.RoundTeam;
import org.wenming.assessment.round.Rounds;
import org.wenming.assessment.round.SampledPlace;
import org.wenming.assessment.round.Sampling;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;

/**
 * Rounds as JSON: the city office's set-up, draw, verification, assignment, opening and closing; the
 * sample as each may see it (hidden before the round opens: 404 and audited).
 */
@RestController
@RequestMapping("/api/v1/assessment/rounds")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'INSPECTOR')")
class RoundApiController {

	private final Rounds rounds;

	private final MessageSource messages;

	RoundApiController(Rounds rounds, MessageSource messages) {
		this.rounds = rounds;
		this.messages = messages;
	}

	record RoundJson(long id, String name, String regionCode, long frameworkId, String frameworkName,
			int frameworkVersion, LocalDate startsOn, LocalDate endsOn, int quota, String status, Long seed,
			String sampleDigest, Integer candidateCount, String candidatesDigest) {

		/** The seed and digests are the city office's until the round opens. */
		static RoundJson of(Round r, boolean full) {
			boolean show = full || r.sampleRevealed();
			return new RoundJson(r.id(), r.name(), r.regionCode(), r.frameworkId(), r.frameworkName(),
					r.frameworkVersion(), r.startsOn(), r.endsOn(), r.quota(), r.status().name(), show ? r.seed() : null,
					show ? r.sampleDigest() : null, show ? r.candidateCount() : null, show ? r.candidatesDigest() : null);
		}
	}

	record RoundInput(String name, Long frameworkId, LocalDate startsOn, LocalDate endsOn, Integer quota) {

		RoundDraft draft() {
			return new RoundDraft(name, frameworkId, startsOn, endsOn, quota);
		}
	}

	record TeamInput(String name, String homeCounty) {
	}

	record MemberInput(String username) {
	}

	record DrawInput(Long seed) {
	}

	record MemberJson(long userId, String username, String displayName) {

		static MemberJson of(AccountSummary a) {
			return new MemberJson(a.userId(), a.username(), a.displayName());
		}
	}

	record TeamJson(long id, String name, String homeCounty, String homeCountyName, List<MemberJson> members,
			int places) {

		static TeamJson of(RoundTeam t) {
			return new TeamJson(t.id(), t.name(), t.homeCounty(), t.homeCountyName(),
					t.members().stream().map(MemberJson::of).toList(), t.places());
		}
	}

	record SampleJson(long placeId, String type, String name, String address, String regionCode, String countyCode,
			String county, String town, String village, java.math.BigDecimal latitude, java.math.BigDecimal longitude,
			int drawOrder, Long teamId, String team, boolean closed) {

		static SampleJson of(SampledPlace p) {
			return new SampleJson(p.placeId(), p.type().name(), p.name(), p.address(), p.regionCode(), p.countyCode(),
					p.countyName(), p.townName(), p.villageName(), p.latitude(), p.longitude(), p.drawOrder(), p.teamId(),
					p.teamName(), p.closedAt() != null);
		}
	}

	@GetMapping
	List<RoundJson> list(@AuthenticationPrincipal ScopedUser user) {
		return rounds.list(user).stream().map(r -> RoundJson.of(r, Rounds.manages(user, r.regionPath()))).toList();
	}

	@PostMapping
	ResponseEntity<RoundJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody RoundInput input) {
		if (!rounds.mayCreate(user)) {
			throw new org.springframework.security.access.AccessDeniedException("rounds are set up by the city office");
		}
		Round round = rounds.create(body(input).draft(), user);
		return ResponseEntity.created(URI.create("/api/v1/assessment/rounds/" + round.id())).body(RoundJson.of(round, true));
	}

	@GetMapping("/{id}")
	RoundJson one(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Round round = rounds.visible(QueryParameters.id(id), user);
		return RoundJson.of(round, Rounds.manages(user, round.regionPath()));
	}

	@PutMapping("/{id}")
	RoundJson update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, @RequestBody RoundInput input) {
		return RoundJson.of(rounds.update(QueryParameters.id(id), body(input).draft(), user), true);
	}

	@GetMapping("/{id}/teams")
	List<TeamJson> teams(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		return rounds.teams(roundId).stream().map(TeamJson::of).toList();
	}

	@PostMapping("/{id}/teams")
	ResponseEntity<TeamJson> addTeam(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody TeamInput input) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		RoundTeam team = rounds.addTeam(roundId, body(input).name(), input.homeCounty(), user);
		return ResponseEntity.status(HttpStatus.CREATED).body(TeamJson.of(team));
	}

	@DeleteMapping("/{id}/teams/{teamId}")
	ResponseEntity<Void> removeTeam(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String teamId) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		rounds.removeTeam(roundId, QueryParameters.id(teamId), user);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/teams/{teamId}/members")
	ResponseEntity<MemberJson> addMember(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String teamId, @RequestBody MemberInput input) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		AccountSummary member = rounds.addMember(roundId, QueryParameters.id(teamId), body(input).username(), user);
		return ResponseEntity.status(HttpStatus.CREATED).body(MemberJson.of(member));
	}

	@DeleteMapping("/{id}/teams/{teamId}/members/{userId}")
	ResponseEntity<Void> removeMember(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@PathVariable String teamId, @PathVariable String userId) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		rounds.removeMember(roundId, QueryParameters.id(teamId), QueryParameters.id(userId), user);
		return ResponseEntity.noContent().build();
	}

	/** Draws the sample; the body may give the seed ({@code {"seed": 20261101}}), else a fresh one is taken. */
	@PostMapping("/{id}/draw")
	Map<String, Object> draw(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody(required = false) DrawInput input) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		Sampling.Sample sample = rounds.draw(roundId, input == null ? null : input.seed(), user);
		Round round = rounds.find(roundId).orElseThrow();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("round", RoundJson.of(round, true));
		body.put("drawn", sample.drawn().size());
		body.put("shortfalls", sample.shortfalls());
		return body;
	}

	@GetMapping("/{id}/verification")
	DrawCheck verify(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return rounds.verify(QueryParameters.id(id), user);
	}

	/** Assigns the sample by rule (交叉测评): how many places each team was given. */
	@PostMapping("/{id}/assignment")
	Map<String, Object> assign(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		long roundId = QueryParameters.id(id);
		rounds.managed(roundId, user);
		Map<Long, Integer> load = rounds.assign(roundId, user);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("teams", rounds.teams(roundId).stream().map(TeamJson::of).toList());
		body.put("assigned", load.values().stream().mapToInt(Integer::intValue).sum());
		return body;
	}

	@PostMapping("/{id}/open")
	RoundJson open(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return RoundJson.of(rounds.open(QueryParameters.id(id), user), true);
	}

	@PostMapping("/{id}/close")
	RoundJson close(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return RoundJson.of(rounds.close(QueryParameters.id(id), user), true);
	}

	/** The sample as the caller may see it; before the round opens only the city office (others: 404, audited). */
	@GetMapping("/{id}/sample")
	List<SampleJson> sample(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return rounds.sample(QueryParameters.id(id), user).stream().map(SampleJson::of).toList();
	}

	private static <T> T body(T input) {
		if (input == null) {
			throw new InvalidInputException("body", "is required");
		}
		return input;
	}

	@ExceptionHandler(RoundRefusedException.class)
	ResponseEntity<ProblemDetail> refused(RoundRefusedException ex, Locale locale) {
		String message = messages.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), locale);
		HttpStatus status = ex.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status).body(ApiProblems.problem(status,
				ex.conflict() ? "The round's state refuses this" : "Invalid input",
				List.of(ApiProblems.error(ex.field(), message))));
	}
}
