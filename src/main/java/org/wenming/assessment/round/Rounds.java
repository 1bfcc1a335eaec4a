package org.wenming.assessment.round;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.account.AccountDirectory;
import org.wenming.account.AccountSummary;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.RoundClosed;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Rounds (测评轮次): created by the city office with a published framework, dates and a quota; teams
 * and their inspectors; the seeded draw per county and type ({@link Sampling}), its verification,
 * the assignment across counties (交叉测评), opening and closing. The sample stays hidden from the
 * counties and the inspectors until the round opens; then an inspector sees only the places of their
 * own team, and a county office those in its county.
 *
 * <p>The other parts of the module ask through {@link #find}, {@link #assignedTeam}, {@link #placesOf}
 * and {@link #isMember}.
 */
@Service
public class Rounds {

	private static final String ROUND_COLUMNS = """
			r.id, r.name, r.region_code, r.region_path, r.framework_id, f.name as framework_name,
			f.version as framework_version, r.starts_on, r.ends_on, r.quota, r.status, r.seed, r.sample_digest,
			r.candidate_count, r.candidates_digest, r.created_by, r.created_at, r.drawn_by, r.drawn_at, r.opened_at,
			r.closed_by, r.closed_at""";

	private static final String ROUND_FROM = " from assessment_round r join assessment_framework f on f.id = r.framework_id";

	private static final RowMapper<Round> ROUND = Rounds::round;

	private static final String SAMPLE_SELECT = """
			select s.round_id, s.place_id, s.place_type, p.name, p.address, p.region_code, p.region_path, s.county_code,
			    c.name as county_name, t.name as town_name, v.name as village_name, p.latitude, p.longitude, s.draw_order,
			    s.team_id, tm.name as team_name, s.closed_at
			from assessment_sample s
			join assessment_place p on p.id = s.place_id
			left join assessment_team tm on tm.id = s.team_id
			left join published_region c on c.code = s.county_code
			left join published_region t on t.code = split_part(p.region_path, '.', 4)
			left join published_region v on v.code = p.region_code""";

	private static final RowMapper<SampledPlace> SAMPLED = (rs, n) -> new SampledPlace(rs.getLong("round_id"),
			rs.getLong("place_id"), PlaceType.valueOf(rs.getString("place_type")), rs.getString("name"),
			rs.getString("address"), rs.getString("region_code"), rs.getString("region_path"), rs.getString("county_code"),
			rs.getString("county_name"), rs.getString("town_name"), rs.getString("village_name"),
			rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getInt("draw_order"),
			(Long) rs.getObject("team_id", Long.class), rs.getString("team_name"),
			rs.getObject("closed_at", OffsetDateTime.class));

	public static final int NAME_MAX = 100;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final PracticeSites sites;

	private final AccountDirectory accounts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SecureRandom seeds = new SecureRandom();

	Rounds(JdbcClient jdbc, Regions regions, PracticeSites sites, AccountDirectory accounts,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	// ---- the other parts' questions ------------------------------------------------------------------

	/** A round by id, whoever asks (the caller applies its own rules). */
	public Optional<Round> find(long id) {
		return jdbc.sql("select " + ROUND_COLUMNS + ROUND_FROM + " where r.id = :id").param("id", id).query(ROUND)
				.optional();
	}

	/** The team assigned a sampled place; empty when the place is not in the sample or not assigned yet. */
	public Optional<Long> assignedTeam(long roundId, long placeId) {
		return jdbc.sql("select team_id from assessment_sample where round_id = :round and place_id = :place")
				.param("round", roundId).param("place", placeId).query((rs, n) -> rs.getObject(1, Long.class))
				.optional().filter(java.util.Objects::nonNull);
	}

	/** The sampled places an inspector's teams are assigned in a round, in the order drawn (none before it opens). */
	public List<SampledPlace> placesOf(long userId, long roundId) {
		return jdbc.sql(SAMPLE_SELECT + """
				 join assessment_round r on r.id = s.round_id
				where s.round_id = :round and r.status in ('OPEN', 'CLOSED')
				  and s.team_id in (select team_id from assessment_team_member where user_id = :user)
				order by s.draw_order""").param("round", roundId).param("user", userId).query(SAMPLED).list();
	}

	/** Whether the login is a member of the team. */
	public boolean isMember(long userId, long teamId) {
		return jdbc.sql("select exists (select 1 from assessment_team_member where team_id = :team and user_id = :user)")
				.param("team", teamId).param("user", userId).query(Boolean.class).single();
	}

	// ---- who may do what -----------------------------------------------------------------------------

	/** The city office (office staff whose scope covers the round's city) and the system administrator. */
	public static boolean manages(ScopedUser user, String cityPath) {
		return user != null && (user.hasRole(Roles.SYSTEM_ADMIN)
				|| (user.hasRole(Roles.OFFICE_STAFF) && user.scope().covers(cityPath)));
	}

	/** Whether the person may set up rounds at all (the city office of the home city). */
	public boolean mayCreate(ScopedUser user) {
		return manages(user, homeCity().path());
	}

	public Region homeCity() {
		return sites.homeCity();
	}

	/** A round the person may see: one of their city (its name, dates and state; not necessarily its sample). */
	public Round visible(long id, ScopedUser user) {
		Round round = find(id).orElseThrow(() -> new OutOfScopeException("assessment round", String.valueOf(id)));
		if (!inCity(user, round)) {
			throw new OutOfScopeException("assessment round", String.valueOf(id));
		}
		return round;
	}

	/** A round the person manages. */
	public Round managed(long id, ScopedUser user) {
		Round round = visible(id, user);
		if (!manages(user, round.regionPath())) {
			throw new OutOfScopeException("assessment round", String.valueOf(id));
		}
		return round;
	}

	private static boolean inCity(ScopedUser user, Round round) {
		return user.scope().covers(round.regionPath()) || user.scope().path().startsWith(round.regionPath());
	}

	/** The rounds of the person's city, latest first. */
	public List<Round> list(ScopedUser user) {
		String path = user.scope().isEverything() ? homeCity().path() : user.scope().path();
		return jdbc.sql("select " + ROUND_COLUMNS + ROUND_FROM + """
				 where (r.region_path >= :lower and r.region_path < :upper) or :path like r.region_path || '%'
				order by r.starts_on desc, r.id desc limit 200""")
				.param("lower", user.scope().lower()).param("upper", user.scope().upper()).param("path", path)
				.query(ROUND).list();
	}

	/** The published frameworks a round may use, newest first: id, name and version. */
	public List<FrameworkChoice> publishedFrameworks() {
		return jdbc.sql("""
				select id, name, version from assessment_framework where status = 'PUBLISHED'
				order by published_at desc nulls last, id desc""")
				.query((rs, n) -> new FrameworkChoice(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
	}

	/** A published framework a round may use. */
	public record FrameworkChoice(long id, String name, int version) {
	}

	// ---- setting a round up --------------------------------------------------------------------------

	@Transactional
	public Round create(RoundDraft draft, ScopedUser user) {
		if (!mayCreate(user)) {
			throw new AccessDeniedException("rounds are set up by the city office");
		}
		checkDraft(draft);
		Region city = homeCity();
		long id = jdbc.sql("""
				insert into assessment_round (name, region_code, region_path, framework_id, starts_on, ends_on, quota,
				    status, created_by, created_at)
				values (:name, :code, :path, :framework, :starts, :ends, :quota, 'DRAFT', :by, :now) returning id""")
				.param("name", draft.name().strip()).param("code", city.code()).param("path", city.path())
				.param("framework", draft.frameworkId()).param("starts", draft.startsOn()).param("ends", draft.endsOn())
				.param("quota", draft.quota()).param("by", user.username()).param("now", now())
				.query(Long.class).single();
		return find(id).orElseThrow();
	}

	/** Changes a draft round's name, framework, dates or quota. */
	@Transactional
	public Round update(long id, RoundDraft draft, ScopedUser user) {
		Round round = lockManaged(id, user);
		requireStatus(round, "status", RoundStatus.DRAFT);
		checkDraft(draft);
		jdbc.sql("""
				update assessment_round set name = :name, framework_id = :framework, starts_on = :starts, ends_on = :ends,
				    quota = :quota where id = :id""")
				.param("name", draft.name().strip()).param("framework", draft.frameworkId())
				.param("starts", draft.startsOn()).param("ends", draft.endsOn()).param("quota", draft.quota())
				.param("id", id).update();
		return find(id).orElseThrow();
	}

	private void checkDraft(RoundDraft draft) {
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty()) {
			throw RoundRefusedException.invalid("name", "assessment.round.error.required");
		}
		if (name.codePointCount(0, name.length()) > NAME_MAX) {
			throw RoundRefusedException.invalid("name", "assessment.round.error.tooLong", NAME_MAX);
		}
		if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>' || c == '\uFFFD')) {
			throw RoundRefusedException.invalid("name", "assessment.round.error.characters");
		}
		if (draft.frameworkId() == null) {
			throw RoundRefusedException.invalid("frameworkId", "assessment.round.error.required");
		}
		String status = jdbc.sql("select status from assessment_framework where id = :id")
				.param("id", draft.frameworkId()).query(String.class).optional().orElse(null);
		if (!"PUBLISHED".equals(status)) {
			throw RoundRefusedException.invalid("frameworkId", "assessment.round.error.frameworkNotPublished");
		}
		if (draft.startsOn() == null) {
			throw RoundRefusedException.invalid("startsOn", "assessment.round.error.required");
		}
		if (draft.endsOn() == null) {
			throw RoundRefusedException.invalid("endsOn", "assessment.round.error.required");
		}
		if (draft.endsOn().isBefore(draft.startsOn())) {
			throw RoundRefusedException.invalid("endsOn", "assessment.round.error.endsBeforeStart");
		}
		if (draft.startsOn().getYear() < 2000 || draft.endsOn().getYear() > 2100
				|| draft.startsOn().plusDays(366).isBefore(draft.endsOn())) {
			throw RoundRefusedException.invalid("endsOn", "assessment.round.error.dates");
		}
		if (draft.quota() == null) {
			throw RoundRefusedException.invalid("quota", "assessment.round.error.required");
		}
		if (draft.quota() < 1 || draft.quota() > 100) {
			throw RoundRefusedException.invalid("quota", "assessment.round.error.quota");
		}
	}

	// ---- teams ---------------------------------------------------------------------------------------

	public List<RoundTeam> teams(long roundId) {
		List<long[]> members = new ArrayList<>();
		jdbc.sql("""
				select m.team_id, m.user_id from assessment_team_member m join assessment_team t on t.id = m.team_id
				where t.round_id = :round order by m.team_id, m.user_id""").param("round", roundId)
				.query((rs, n) -> members.add(new long[] { rs.getLong(1), rs.getLong(2) })).list();
		Map<Long, AccountSummary> accountsById = members.isEmpty() ? Map.of()
				: accounts.find(members.stream().map(m -> m[1]).toList());
		Map<Long, List<AccountSummary>> byTeam = new HashMap<>();
		for (long[] m : members) {
			AccountSummary account = accountsById.get(m[1]);
			if (account != null) {
				byTeam.computeIfAbsent(m[0], k -> new ArrayList<>()).add(account);
			}
		}
		return jdbc.sql("""
				select t.id, t.round_id, t.name, t.home_county, c.name as county_name,
				    (select count(*) from assessment_sample s where s.team_id = t.id) as places
				from assessment_team t left join published_region c on c.code = t.home_county
				where t.round_id = :round order by t.home_county nulls first, t.id""").param("round", roundId)
				.query((rs, n) -> new RoundTeam(rs.getLong("id"), rs.getLong("round_id"), rs.getString("name"),
						rs.getString("home_county"), rs.getString("county_name"),
						List.copyOf(byTeam.getOrDefault(rs.getLong("id"), List.of())), rs.getInt("places")))
				.list();
	}

	/** The counties of the round's city, which teams may come from. */
	public List<Region> counties(Round round) {
		return regions.children(round.regionCode()).stream().filter(r -> r.level() == RegionLevel.COUNTY).toList();
	}

	/**
	 * Adds a team (before the round opens).
	 *
	 * @param homeCounty the county its members work in, or null/blank for the city office's own team
	 */
	@Transactional
	public RoundTeam addTeam(long roundId, String name, String homeCounty, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAFT, RoundStatus.DRAWN);
		String teamName = name == null ? "" : name.strip();
		if (teamName.isEmpty()) {
			throw RoundRefusedException.invalid("name", "assessment.round.error.required");
		}
		if (teamName.codePointCount(0, teamName.length()) > NAME_MAX
				|| teamName.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
			throw RoundRefusedException.invalid("name", "assessment.round.error.characters");
		}
		String county = homeCounty == null || homeCounty.isBlank() ? null : homeCounty.strip();
		if (county != null && counties(round).stream().noneMatch(c -> c.code().equals(county))) {
			throw RoundRefusedException.invalid("homeCounty", "assessment.round.error.homeCounty");
		}
		try {
			long id = jdbc.sql("insert into assessment_team (round_id, name, home_county) values (:round, :name, :county) returning id")
					.param("round", roundId).param("name", teamName).param("county", county).query(Long.class).single();
			return teams(roundId).stream().filter(t -> t.id() == id).findFirst().orElseThrow();
		}
		catch (DuplicateKeyException ex) {
			throw RoundRefusedException.invalid("name", "assessment.round.error.teamDuplicate");
		}
	}

	/** Removes a team before the round opens; its places, if assigned, wait for a new assignment. */
	@Transactional
	public void removeTeam(long roundId, long teamId, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAFT, RoundStatus.DRAWN);
		requireTeam(roundId, teamId);
		jdbc.sql("update assessment_sample set team_id = null where round_id = :round and team_id = :team")
				.param("round", roundId).param("team", teamId).update();
		jdbc.sql("delete from assessment_team where id = :team").param("team", teamId).update();
	}

	/**
	 * Adds an inspector to a team by login name. A login must hold the inspector's role and belong to
	 * one team per round. Members may change until the round closes (someone falls ill).
	 */
	@Transactional
	public AccountSummary addMember(long roundId, long teamId, String username, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAFT, RoundStatus.DRAWN, RoundStatus.OPEN);
		requireTeam(roundId, teamId);
		String login = username == null ? "" : username.strip();
		if (login.isEmpty()) {
			throw RoundRefusedException.invalid("username", "assessment.round.error.required");
		}
		AccountSummary account = login.length() > 64 ? null : accounts.findEnabled(login).orElse(null);
		if (account == null) {
			throw RoundRefusedException.invalid("username", "assessment.round.error.memberUnknown");
		}
		if (!accounts.hasRole(account.username(), Roles.INSPECTOR)) {
			throw RoundRefusedException.invalid("username", "assessment.round.error.memberNotInspector");
		}
		boolean inRound = jdbc.sql("""
				select exists (select 1 from assessment_team_member m join assessment_team t on t.id = m.team_id
				               where t.round_id = :round and m.user_id = :user)""")
				.param("round", roundId).param("user", account.userId()).query(Boolean.class).single();
		if (inRound) {
			throw RoundRefusedException.invalid("username", "assessment.round.error.memberTaken");
		}
		jdbc.sql("insert into assessment_team_member (team_id, user_id) values (:team, :user)").param("team", teamId)
				.param("user", account.userId()).update();
		return account;
	}

	@Transactional
	public void removeMember(long roundId, long teamId, long userId, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAFT, RoundStatus.DRAWN, RoundStatus.OPEN);
		requireTeam(roundId, teamId);
		jdbc.sql("delete from assessment_team_member where team_id = :team and user_id = :user").param("team", teamId)
				.param("user", userId).update();
	}

	private void requireTeam(long roundId, long teamId) {
		boolean exists = jdbc.sql("select exists (select 1 from assessment_team where id = :team and round_id = :round)")
				.param("team", teamId).param("round", roundId).query(Boolean.class).single();
		if (!exists) {
			throw RoundRefusedException.invalid("teamId", "assessment.round.error.teamUnknown");
		}
	}

	// ---- the draw ------------------------------------------------------------------------------------

	/**
	 * Draws the sample: keeps the city's active places as the candidates, draws per county and type
	 * with the seed, stores the sample and its digest. Drawn once: a round's sample is never redrawn
	 * (a redraw until one likes it would defeat the seed).
	 *
	 * @param seed the seed to draw with, or null for a fresh one from a secure source
	 */
	@Transactional
	public Sampling.Sample draw(long roundId, Long seed, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAFT);
		long drawSeed = seed != null ? seed : seeds.nextLong();
		jdbc.sql("""
				insert into assessment_round_candidate (round_id, place_id, county_code, place_type)
				select :round, id, split_part(region_path, '.', 3), place_type from assessment_place
				where active and region_path >= :lower and region_path < :upper""")
				.param("round", roundId).param("lower", round.regionPath())
				.param("upper", round.regionPath().substring(0, round.regionPath().length() - 1) + "/").update();
		List<Sampling.Candidate> candidates = candidates(roundId);
		if (candidates.isEmpty()) {
			throw RoundRefusedException.conflict("status", "assessment.round.error.noPlaces");
		}
		Sampling.Sample sample = Sampling.draw(drawSeed, round.quota(), candidates,
				counties(round).stream().map(Region::code).toList());
		for (Sampling.Drawn d : sample.drawn()) {
			jdbc.sql("""
					insert into assessment_sample (round_id, place_id, county_code, place_type, draw_order)
					values (:round, :place, :county, :type, :order)""")
					.param("round", roundId).param("place", d.placeId()).param("county", d.countyCode())
					.param("type", d.type().name()).param("order", d.order()).update();
		}
		jdbc.sql("""
				update assessment_round set status = 'DRAWN', seed = :seed, sample_digest = :digest,
				    candidate_count = :count, candidates_digest = :candidates, drawn_by = :by, drawn_at = :now
				where id = :id""")
				.param("seed", drawSeed).param("digest", sample.digest()).param("count", candidates.size())
				.param("candidates", Sampling.candidatesDigest(candidates)).param("by", user.username())
				.param("now", now()).param("id", roundId).update();
		return sample;
	}

	private List<Sampling.Candidate> candidates(long roundId) {
		return jdbc.sql("""
				select place_id, county_code, place_type from assessment_round_candidate where round_id = :round
				order by place_id""").param("round", roundId)
				.query((rs, n) -> new Sampling.Candidate(rs.getLong(1), rs.getString(2),
						PlaceType.valueOf(rs.getString(3))))
				.list();
	}

	/** Which groups of the drawn round had fewer candidates than the quota (all of them were taken). */
	public List<Sampling.Shortfall> shortfalls(Round round) {
		if (round.seed() == null) {
			return List.of();
		}
		return Sampling.draw(round.seed(), round.quota(), candidates(round.id()),
				counties(round).stream().map(Region::code).toList()).shortfalls();
	}

	/** Redraws the sample from the recorded seed and candidates and compares it with the stored one. */
	@Transactional(readOnly = true)
	public DrawCheck verify(long roundId, ScopedUser user) {
		Round round = managed(roundId, user);
		if (round.seed() == null) {
			throw RoundRefusedException.conflict("status", "assessment.round.error.notDrawn");
		}
		List<Sampling.Candidate> candidates = candidates(roundId);
		Sampling.Sample redrawn = Sampling.draw(round.seed(), round.quota(), candidates,
				counties(round).stream().map(Region::code).toList());
		List<Long> stored = jdbc.sql("select place_id from assessment_sample where round_id = :round order by draw_order")
				.param("round", roundId).query(Long.class).list();
		boolean sampleMatches = stored.equals(redrawn.drawn().stream().map(Sampling.Drawn::placeId).toList());
		boolean candidatesMatch = Sampling.candidatesDigest(candidates).equals(round.candidatesDigest());
		List<Long> activeNow = jdbc.sql("""
				select id from assessment_place where active and region_path >= :lower and region_path < :upper order by id""")
				.param("lower", round.regionPath())
				.param("upper", round.regionPath().substring(0, round.regionPath().length() - 1) + "/")
				.query(Long.class).list();
		boolean registryChanged = !activeNow.equals(candidates.stream().map(Sampling.Candidate::placeId).toList());
		return new DrawCheck(round.seed(), candidates.size(), stored.size(), round.sampleDigest(), redrawn.digest(),
				sampleMatches, candidatesMatch, registryChanged);
	}

	// ---- assignment, opening, closing ----------------------------------------------------------------

	/**
	 * Assigns every sampled place to a team by rule (交叉测评; see {@link Sampling#assign}), replacing
	 * any earlier assignment.
	 *
	 * @return how many places each team was given, by team id
	 */
	@Transactional
	public Map<Long, Integer> assign(long roundId, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAWN);
		List<Sampling.Drawn> sample = jdbc.sql("""
				select place_id, county_code, place_type, draw_order from assessment_sample where round_id = :round
				order by draw_order""").param("round", roundId)
				.query((rs, n) -> new Sampling.Drawn(rs.getLong(1), rs.getString(2), PlaceType.valueOf(rs.getString(3)),
						rs.getInt(4)))
				.list();
		List<Sampling.Team> teams = teams(roundId).stream().map(t -> new Sampling.Team(t.id(), t.homeCounty())).toList();
		Map<Long, Long> assigned;
		try {
			assigned = Sampling.assign(sample, teams, round.seed());
		}
		catch (Sampling.Unassignable ex) {
			if (ex.countyCode() == null) {
				throw RoundRefusedException.conflict("teams", "assessment.round.error.noTeams");
			}
			String county = regions.find(ex.countyCode()).map(Region::name).orElse(ex.countyCode());
			throw RoundRefusedException.conflict("teams", "assessment.round.error.unassignable", county);
		}
		Map<Long, Integer> load = new HashMap<>();
		for (var e : assigned.entrySet()) {
			jdbc.sql("update assessment_sample set team_id = :team where round_id = :round and place_id = :place")
					.param("team", e.getValue()).param("round", roundId).param("place", e.getKey()).update();
			load.merge(e.getValue(), 1, Integer::sum);
		}
		return load;
	}

	/** Opens the round: the sample becomes visible to the counties and each team sees its places. */
	@Transactional
	public Round open(long roundId, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.DRAWN);
		LocalDate today = LocalDate.now(clock.withZone(CityTime.ZONE));
		if (today.isBefore(round.startsOn())) {
			throw RoundRefusedException.conflict("startsOn", "assessment.round.error.beforeStart", round.startsOn());
		}
		if (today.isAfter(round.endsOn())) {
			throw RoundRefusedException.conflict("endsOn", "assessment.round.error.afterEnd", round.endsOn());
		}
		int unassigned = jdbc.sql("select count(*) from assessment_sample where round_id = :round and team_id is null")
				.param("round", roundId).query(Integer.class).single();
		if (unassigned > 0) {
			throw RoundRefusedException.conflict("teams", "assessment.round.error.unassigned", unassigned);
		}
		int empty = jdbc.sql("""
				select count(*) from assessment_team t where t.round_id = :round
				  and exists (select 1 from assessment_sample s where s.team_id = t.id)
				  and not exists (select 1 from assessment_team_member m where m.team_id = t.id)""")
				.param("round", roundId).query(Integer.class).single();
		if (empty > 0) {
			throw RoundRefusedException.conflict("teams", "assessment.round.error.teamWithoutMembers", empty);
		}
		jdbc.sql("update assessment_round set status = 'OPEN', opened_at = :now where id = :id").param("now", now())
				.param("id", roundId).update();
		return find(roundId).orElseThrow();
	}

	/**
	 * Closes the round: its scores are final and {@link RoundClosed} is published in the same
	 * transaction (the hand-over and the figures follow from it). Nothing about the round changes after.
	 */
	@Transactional
	public Round close(long roundId, ScopedUser user) {
		Round round = lockManaged(roundId, user);
		requireStatus(round, "status", RoundStatus.OPEN);
		// the submissions in flight finish first (each holds its place's sample row); one that arrives
		// later waits here and then meets the database's refusal of a closed round (V44)
		jdbc.sql("select 1 from assessment_sample where round_id = :id for update").param("id", roundId).query().listOfRows();
		OffsetDateTime now = now();
		jdbc.sql("update assessment_round set status = 'CLOSED', closed_by = :by, closed_at = :now where id = :id")
				.param("by", user.username()).param("now", now).param("id", roundId).update();
		events.publishEvent(new RoundClosed(roundId, round.regionPath(), user.username(), now));
		return find(roundId).orElseThrow();
	}

	// ---- the sample, as each may see it --------------------------------------------------------------

	/**
	 * The sample as the person may see it: the city office everything at any time; before the round
	 * opens nobody else (refused as not found, and audited); after, an inspector the places of their
	 * own team and a county office those in its county.
	 *
	 * @throws OutOfScopeException when the person may not see the sample (yet)
	 */
	public List<SampledPlace> sample(long roundId, ScopedUser user) {
		Round round = visible(roundId, user);
		if (manages(user, round.regionPath())) {
			return jdbc.sql(SAMPLE_SELECT + " where s.round_id = :round order by s.draw_order").param("round", roundId)
					.query(SAMPLED).list();
		}
		if (!round.sampleRevealed()) {
			throw new OutOfScopeException("assessment sample", String.valueOf(roundId));
		}
		Set<SampledPlace> seen = new LinkedHashSet<>();
		if (user.hasRole(Roles.INSPECTOR)) {
			seen.addAll(placesOf(user.userId(), roundId));
		}
		if (user.hasRole(Roles.OFFICE_STAFF)) {
			seen.addAll(jdbc.sql(SAMPLE_SELECT + """
					 where s.round_id = :round and p.region_path >= :lower and p.region_path < :upper
					order by s.draw_order""").param("round", roundId).param("lower", user.scope().lower())
					.param("upper", user.scope().upper()).query(SAMPLED).list());
		}
		if (seen.isEmpty() && !user.hasRole(Roles.OFFICE_STAFF)) {
			throw new OutOfScopeException("assessment sample", String.valueOf(roundId));
		}
		return seen.stream().sorted(java.util.Comparator.comparingInt(SampledPlace::drawOrder)).toList();
	}

	/** How many places were drawn per county and type, for the round's table. */
	public Map<String, Map<PlaceType, Integer>> drawnCounts(long roundId) {
		Map<String, Map<PlaceType, Integer>> counts = new java.util.TreeMap<>();
		jdbc.sql("""
				select county_code, place_type, count(*) from assessment_sample where round_id = :round
				group by county_code, place_type""").param("round", roundId)
				.query((rs, n) -> counts.computeIfAbsent(rs.getString(1), k -> new java.util.EnumMap<>(PlaceType.class))
						.put(PlaceType.valueOf(rs.getString(2)), rs.getInt(3)))
				.list();
		return counts;
	}

	// ---- helpers -------------------------------------------------------------------------------------

	/** The round, locked for the change, if the person manages it. */
	private Round lockManaged(long id, ScopedUser user) {
		jdbc.sql("select id from assessment_round where id = :id for update").param("id", id).query(Long.class)
				.optional();
		return managed(id, user);
	}

	private static void requireStatus(Round round, String field, RoundStatus... allowed) {
		for (RoundStatus s : allowed) {
			if (round.status() == s) {
				return;
			}
		}
		throw RoundRefusedException.conflict(field,
				round.closed() ? "assessment.round.error.closed" : "assessment.round.error.status." + round.status().name());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

	static String upper(String path) {
		return path.substring(0, path.length() - 1) + "/";
	}

	static List<Long> ids(Collection<SampledPlace> places) {
		return places.stream().map(SampledPlace::placeId).toList();
	}

	private static Round round(ResultSet rs, int n) throws SQLException {
		return new Round(rs.getLong("id"), rs.getString("name"), rs.getString("region_code"), rs.getString("region_path"),
				rs.getLong("framework_id"), rs.getString("framework_name"), rs.getInt("framework_version"),
				rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class), rs.getInt("quota"),
				RoundStatus.valueOf(rs.getString("status")), rs.getObject("seed", Long.class),
				rs.getString("sample_digest"), rs.getObject("candidate_count", Integer.class),
				rs.getString("candidates_digest"), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getString("drawn_by"),
				rs.getObject("drawn_at", OffsetDateTime.class), rs.getObject("opened_at", OffsetDateTime.class),
				rs.getString("closed_by"), rs.getObject("closed_at", OffsetDateTime.class));
	}
}
