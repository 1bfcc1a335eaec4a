package org.wenming.volunteer.team;

import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.account.AccountDirectory;
import org.wenming.account.AccountSummary;
import org.wenming.platform.NameOrder;
import org.wenming.platform.ReplicaReads;
import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.team.MembershipRefusedException.Kind;

/**
 * Volunteer teams: the public directory, management by civilization-office staff inside their data
 * scope and by the team's leaders (a leader of a team also leads every team below it), and the
 * membership steps, each checking who may take it.
 */
@Service
public class Teams {

	/** Roles that manage every team inside their scope. */
	public static final Set<String> STAFF_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	/** Calendar years (for "joined this year") are China's. */
	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	static final int PUBLIC_MEMBERS_SHOWN = 100;

	private static final String COLUMNS = """
			id, name, parent_id, level, type, region_code, region_path, practice_site_id, contact_name, contact_phone,
			description, status, created_at, updated_at, updated_by, version""";

	private static final RowMapper<Team> ROW = (rs, i) -> new Team(rs.getLong("id"), rs.getString("name"),
			rs.getObject("parent_id", Long.class), TeamLevel.valueOf(rs.getString("level")),
			TeamType.valueOf(rs.getString("type")), rs.getString("region_code"), rs.getString("region_path"),
			rs.getObject("practice_site_id", Long.class), rs.getString("contact_name"), rs.getString("contact_phone"),
			rs.getString("description"), TeamStatus.valueOf(rs.getString("status")),
			rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
			rs.getString("updated_by"), rs.getInt("version"));

	/** The teams a person leads: those they were made leader of, and every team below those. */
	private static final String LED = """
			with recursive led (id) as (
			    select team_id from team_leader where user_id = :userId
			    union
			    select t.id from team t join led on t.parent_id = led.id)
			""";

	private final JdbcClient jdbc;

	private final JdbcClient replica;

	private final Regions regions;

	private final PracticeSites sites;

	private final MembershipStore memberships;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final AccountDirectory accounts;

	private final TeamDocuments documents;

	Teams(JdbcClient jdbc, @ReplicaReads JdbcClient replica, Regions regions, PracticeSites sites, MembershipStore memberships, Clock clock,
			org.springframework.context.ApplicationEventPublisher events, AccountDirectory accounts, TeamDocuments documents) {
		this.accounts = accounts;
		this.documents = documents;
		this.events = events;
		this.jdbc = jdbc;
		this.replica = replica;
		this.regions = regions;
		this.sites = sites;
		this.memberships = memberships;
		this.clock = clock;
	}

	// ---- public reading ------------------------------------------------------------------------------

	public Region homeCity() {
		return sites.homeCity();
	}

	/** Any team by id: team pages are public. */
	public Optional<Team> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from team where id = :id").param("id", id).query(ROW).optional();
	}

	/** The teams directly below, by name in the reader's order (pinyin or strokes). */
	public List<Team> children(long id, Locale locale) {
		return jdbc.sql("select " + COLUMNS + " from team where parent_id = :id order by name " + NameOrder.of(locale).collate()
				+ ", id").param("id", id).query(ROW).list();
	}

	/**
	 * A page of the teams under the query's region that also lie in the scope, by region then name: the
	 * public directory and its API, lag-tolerant ({@link ReplicaReads}); staff lists read the primary.
	 */
	public TeamPage list(TeamQuery query, DataScope scope, Locale locale) {
		Filter filter = Filter.of(query, scope);
		List<Team> items = replica.sql("select " + COLUMNS + " from team where " + filter.where()
				+ " order by region_path, name " + NameOrder.of(locale).collate() + ", id limit :limit offset :offset").params(filter.params())
				.param("limit", query.size()).param("offset", query.offset()).query(ROW).list();
		long total = replica.sql("select count(*) from team where " + filter.where()).params(filter.params())
				.query(Long.class).single();
		return new TeamPage(items, total, query.page(), query.size());
	}

	public List<TeamLeader> leaders(long teamId) {
		List<Long> ids = jdbc.sql("select user_id from team_leader where team_id = :team order by assigned_at, user_id")
				.param("team", teamId).query(Long.class).list();
		Map<Long, AccountSummary> found = accounts.find(ids);
		return ids.stream().map(found::get).filter(java.util.Objects::nonNull)
				.map(a -> new TeamLeader(a.userId(), a.username(), a.displayName())).toList();
	}

	/**
	 * The teams a person leads: those they were made leader of, and every team below those. Other
	 * modules (activities organized by a leader's teams) ask here instead of repeating the query.
	 */
	public List<Long> ledTeamIds(long userId) {
		return jdbc.sql(LED + "select id from led order by id").param("userId", userId).query(Long.class).list();
	}

	/** Members' names masked (张*三), in order of joining; at most {@value #PUBLIC_MEMBERS_SHOWN}. */
	public List<String> maskedMemberNames(long teamId) {
		return memberships.memberNames(teamId, PUBLIC_MEMBERS_SHOWN).stream().map(NameMask::mask).toList();
	}

	public TeamStatistics statistics(long teamId) {
		ZonedDateTime yearStart = ZonedDateTime.now(clock.withZone(CHINA)).withDayOfYear(1).toLocalDate()
				.atStartOfDay(CHINA);
		return new TeamStatistics(memberships.count(teamId, MembershipStatus.MEMBER), memberships.joinedBetween(teamId,
				yearStart.toOffsetDateTime(), yearStart.plusYears(1).toOffsetDateTime()));
	}

	public Optional<PracticeSite> site(Team team) {
		return team.practiceSiteId() == null ? Optional.empty() : sites.find(team.practiceSiteId());
	}

	// ---- searching volunteers by team ------------------------------------------------------------------

	/** Whether the volunteer is a member of the team now. */
	public boolean isMember(long teamId, long volunteerId) {
		return memberships.isMember(teamId, volunteerId);
	}

	/** The ids of the team's current members. */
	public List<Long> memberVolunteerIds(long teamId) {
		return memberships.memberVolunteerIds(teamId);
	}

	// ---- who may manage ----------------------------------------------------------------------------------

	public static boolean isStaff(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(STAFF_ROLES::contains);
	}

	/** Whether the person leads the team or a team above it. */
	public boolean leads(ScopedUser user, long teamId) {
		return jdbc.sql("""
				with recursive up (id, parent_id) as (
				    select id, parent_id from team where id = :team
				    union all
				    select t.id, t.parent_id from team t join up on t.id = up.parent_id)
				select exists (select 1 from team_leader l join up on l.team_id = up.id where l.user_id = :userId)""")
				.param("team", teamId).param("userId", user.userId()).query(Boolean.class).single();
	}

	public boolean mayManage(ScopedUser user, Team team) {
		return (isStaff(user) && user.scope().covers(team.regionPath())) || leads(user, team.id());
	}

	/** Whether the person may see the management pages at all: staff, or a leader of some team. */
	public boolean mayManageAny(ScopedUser user) {
		return isStaff(user) || jdbc.sql("select exists (select 1 from team_leader where user_id = :userId)")
				.param("userId", user.userId()).query(Boolean.class).single();
	}

	/**
	 * A team for a staff member or leader to read or change.
	 *
	 * @return empty when there is no such team
	 * @throws OutOfScopeException when the team exists but is not theirs to manage (answered as not found)
	 */
	public Optional<Team> findForManaging(long id, ScopedUser user) {
		Optional<Team> team = find(id);
		if (team.isPresent() && !mayManage(user, team.get())) {
			throw new OutOfScopeException("team", String.valueOf(id));
		}
		return team;
	}

	/** The region a staff list starts from: the one asked for, or the person's own. */
	public Optional<Region> managingRegion(String code, ScopedUser user) {
		return sites.listStart(code, user, isStaff(user));
	}

	/** Teams the person manages under the query's region: those in their scope (staff) and those they lead. */
	public TeamPage listForManaging(TeamQuery query, ScopedUser user, Locale locale) {
		Filter filter = Filter.of(query, DataScope.EVERYTHING);
		Map<String, Object> params = new LinkedHashMap<>(filter.params());
		DataScope scope = isStaff(user) ? user.scope() : null;
		params.put("staff", scope != null);
		params.put("scopeLower", scope == null ? "" : scope.lower());
		params.put("scopeUpper", scope == null ? "" : scope.upper());
		params.put("userId", user.userId());
		String where = filter.where() + " and ((:staff and region_path >= :scopeLower and region_path < :scopeUpper)"
				+ " or id in (select id from led))";
		List<Team> items = jdbc.sql(LED + "select " + COLUMNS + " from team where " + where
				+ " order by region_path, name " + NameOrder.of(locale).collate() + ", id limit :limit offset :offset").params(params)
				.param("limit", query.size()).param("offset", query.offset()).query(ROW).list();
		long total = jdbc.sql(LED + "select count(*) from team where " + where).params(params).query(Long.class).single();
		return new TeamPage(items, total, query.page(), query.size());
	}

	// ---- creating and changing teams ------------------------------------------------------------------

	/** Sets up a team: staff only, in a region of their scope, under a parent of their scope one level up. */
	@Transactional
	public Team create(TeamDraft submitted, ScopedUser user) {
		if (!isStaff(user)) {
			throw new AccessDeniedException("creating teams needs one of " + STAFF_ROLES);
		}
		TeamDraft draft = submitted.trimmed();
		List<FieldProblem> problems = new ArrayList<>(TeamRules.check(draft, true));
		if (!problems.isEmpty()) {
			throw new TeamRefusedException(problems);
		}
		Region region = regions.find(draft.regionCode())
				.orElseThrow(() -> new TeamRefusedException("regionCode", "team.error.regionUnknown"));
		if (!user.scope().covers(region.path())) {
			throw new AccessDeniedException("region " + region.code() + " is outside the caller's scope");
		}
		checkParent(draft, region, user);
		checkSite(draft.practiceSiteId(), region);
		long id = bind(jdbc.sql("""
				insert into team (name, parent_id, level, type, region_code, region_path, practice_site_id, contact_name,
				    contact_phone, description, status, updated_by)
				values (:name, :parentId, :level, :type, :regionCode, :regionPath, :siteId, :contactName,
				    :contactPhone, :description, :status, :by)
				returning id"""), draft)
				.param("parentId", draft.parentId(), Types.BIGINT).param("level", draft.level().name())
				.param("regionCode", region.code()).param("regionPath", region.path()).param("by", user.username())
				.query(Long.class).single();
		Team created = find(id).orElseThrow();
		documents.tell(id);
		events.publishEvent(new TeamCounted(id, created.version(), created.regionPath(), created.level(),
				created.createdAt(), null, new TeamCounted.Standing(created.type(), created.active())));
		return created;
	}

	/**
	 * Changes a team's details (not its parent, level or region), refusing the edit if someone changed
	 * the team since {@code version}.
	 *
	 * @throws StaleTeamException when the team is no longer at that version
	 */
	@Transactional
	public Optional<Team> update(long id, int version, TeamDraft submitted, ScopedUser user) {
		Optional<Team> found = findForManaging(id, user);
		if (found.isEmpty()) {
			return found;
		}
		Team team = found.get();
		TeamDraft draft = submitted.trimmed();
		List<FieldProblem> problems = TeamRules.check(draft, false);
		if (!problems.isEmpty()) {
			throw new TeamRefusedException(problems);
		}
		checkSite(draft.practiceSiteId(), regions.find(team.regionCode()).orElseThrow());
		int changed = bind(jdbc.sql("""
				update team set name = :name, type = :type, practice_site_id = :siteId, contact_name = :contactName,
				    contact_phone = :contactPhone, description = :description, status = :status,
				    updated_at = now(), updated_by = :by, version = version + 1
				where id = :id and version = :version"""), draft)
				.param("id", id).param("version", version).param("by", user.username()).update();
		if (changed == 0) {
			throw new StaleTeamException(id, version);
		}
		Team changedTeam = find(id).orElseThrow();
		// renamed, described anew, dissolved or made active again: the search hears of it in this transaction
		documents.tell(id);
		if (changedTeam.type() != team.type() || changedTeam.active() != team.active()) {
			events.publishEvent(new TeamCounted(id, changedTeam.version(), changedTeam.regionPath(), changedTeam.level(),
					changedTeam.createdAt(), new TeamCounted.Standing(team.type(), team.active()),
					new TeamCounted.Standing(changedTeam.type(), changedTeam.active())));
		}
		return Optional.of(changedTeam);
	}

	private void checkParent(TeamDraft draft, Region region, ScopedUser user) {
		if (draft.parentId() == null) {
			return;
		}
		Team parent = find(draft.parentId()).filter(p -> user.scope().covers(p.regionPath()))
				.orElseThrow(() -> new TeamRefusedException("parentId", "team.error.parentUnknown"));
		if (parent.level().childLevel().filter(draft.level()::equals).isEmpty()) {
			throw new TeamRefusedException("level", "team.error.levelBelowParent");
		}
		if (!parent.active()) {
			throw new TeamRefusedException("parentId", "team.error.parentDissolved");
		}
		if (!region.scope().path().startsWith(parent.regionPath())) {
			throw new TeamRefusedException("regionCode", "team.error.regionOutsideParent");
		}
	}

	private void checkSite(Long siteId, Region region) {
		if (siteId == null) {
			return;
		}
		sites.find(siteId).filter(s -> region.scope().covers(s.regionPath()))
				.orElseThrow(() -> new TeamRefusedException("practiceSiteId", "team.error.siteUnknown"));
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, TeamDraft draft) {
		return statement.param("name", draft.name()).param("type", draft.type().name())
				.param("siteId", draft.practiceSiteId(), Types.BIGINT)
				.param("contactName", draft.contactName(), Types.VARCHAR)
				.param("contactPhone", draft.contactPhone(), Types.VARCHAR)
				.param("description", draft.description(), Types.VARCHAR)
				.param("status", (draft.status() == null ? TeamStatus.ACTIVE : draft.status()).name());
	}

	// ---- leaders ---------------------------------------------------------------------------------------

	/**
	 * Makes an existing account a leader of the team (staff in scope only). The account gets the
	 * TEAM_LEADER role through the account module, which records the change in the security audit. The
	 * role shows from the leader's next sign-in; leading itself is checked against {@code team_leader}
	 * and works at once.
	 */
	@Transactional
	public TeamLeader assignLeader(long teamId, String username, ScopedUser user) {
		Team team = findForStaff(teamId, user);
		String name = username == null ? "" : username.strip();
		if (name.isEmpty() || name.length() > 64 || name.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
			throw new TeamRefusedException("username", name.isEmpty() ? "team.error.required" : "team.error.username");
		}
		AccountSummary account = accounts.findEnabled(name)
				.orElseThrow(() -> new TeamRefusedException("username", "team.error.userUnknown"));
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, :by) on conflict do nothing")
				.param("team", team.id()).param("user", account.userId()).param("by", user.username()).update();
		accounts.grantRole(account.userId(), Roles.TEAM_LEADER, user, "leads team " + team.id());
		return new TeamLeader(account.userId(), account.username(), account.displayName());
	}

	/** Ends a leadership; the role goes when the account leads no team any more. */
	@Transactional
	public void removeLeader(long teamId, long leaderUserId, ScopedUser user) {
		Team team = findForStaff(teamId, user);
		int ended = jdbc.sql("delete from team_leader where team_id = :team and user_id = :user").param("team", team.id())
				.param("user", leaderUserId).update();
		boolean leadsAnother = jdbc.sql("select exists (select 1 from team_leader where user_id = :user)")
				.param("user", leaderUserId).query(Boolean.class).single();
		if (ended > 0 && !leadsAnother) {
			accounts.revokeRole(leaderUserId, Roles.TEAM_LEADER, user, "no longer leads team " + team.id());
		}
	}

	private Team findForStaff(long teamId, ScopedUser user) {
		Team team = find(teamId).orElseThrow(() -> new OutOfScopeException("team", String.valueOf(teamId)));
		if (!isStaff(user) || !user.scope().covers(team.regionPath())) {
			throw new OutOfScopeException("team", String.valueOf(teamId));
		}
		return team;
	}

	// ---- membership ------------------------------------------------------------------------------------

	/** The signed-in person's volunteer record (id and status), if they have one. */
	public Optional<Long> volunteerId(ScopedUser user) {
		return user == null ? Optional.empty()
				: jdbc.sql("select id from volunteer where user_id = :userId").param("userId", user.userId())
						.query(Long.class).optional();
	}

	/** 申请入队: the volunteer themselves, active, to an active team, with no open application there. */
	@Transactional
	public Membership apply(long teamId, ScopedUser user) {
		Team team = find(teamId).orElseThrow(() -> new OutOfScopeException("team", String.valueOf(teamId)));
		record Volunteer(long id, String status) {
		}
		Volunteer volunteer = jdbc.sql("select id, status from volunteer where user_id = :userId")
				.param("userId", user.userId()).query((rs, i) -> new Volunteer(rs.getLong("id"), rs.getString("status")))
				.optional().orElseThrow(() -> new MembershipRefusedException(Kind.FORBIDDEN, "team.error.notVolunteer"));
		if (!"ACTIVE".equals(volunteer.status())) {
			throw new MembershipRefusedException(Kind.FORBIDDEN, "team.error.withdrawn");
		}
		if (!team.active()) {
			throw new MembershipRefusedException(Kind.CONFLICT, "team.error.dissolved");
		}
		try {
			return memberships.insertApplication(team.id(), volunteer.id(), now());
		}
		catch (DuplicateKeyException ex) {
			throw new MembershipRefusedException(Kind.CONFLICT, "team.error.alreadyApplied");
		}
	}

	/** 退出: the volunteer themselves leave a team or withdraw an application. */
	@Transactional
	public Membership leave(long membershipId, ScopedUser user) {
		Membership membership = memberships.find(membershipId)
				.orElseThrow(() -> new OutOfScopeException("membership", String.valueOf(membershipId)));
		if (volunteerId(user).filter(id -> id == membership.volunteerId()).isEmpty()) {
			throw new OutOfScopeException("membership", String.valueOf(membershipId));
		}
		return memberships.save(membership.leave(user.username(), now()), membership.status());
	}

	@Transactional
	public Membership approve(long teamId, long membershipId, ScopedUser user) {
		Membership membership = forLeader(teamId, membershipId, user);
		return memberships.save(membership.approve(user.username(), now()), membership.status());
	}

	@Transactional
	public Membership decline(long teamId, long membershipId, String reason, ScopedUser user) {
		String why = reason(reason);
		Membership membership = forLeader(teamId, membershipId, user);
		return memberships.save(membership.decline(user.username(), why, now()), membership.status());
	}

	@Transactional
	public Membership remove(long teamId, long membershipId, String reason, ScopedUser user) {
		String why = reason(reason);
		Membership membership = forLeader(teamId, membershipId, user);
		return memberships.save(membership.remove(user.username(), why, now()), membership.status());
	}

	/** Applications (APPLIED) or members (MEMBER) of a team, for those who manage it. */
	public List<MemberRow> memberRows(Team team, MembershipStatus status, int limit) {
		return memberships.rows(team.id(), status, limit);
	}

	/** The signed-in volunteer's applications and memberships, open ones first. */
	public List<MyMembership> myMemberships(ScopedUser user) {
		return volunteerId(user).map(memberships::ofVolunteer).orElse(List.of());
	}

	private Membership forLeader(long teamId, long membershipId, ScopedUser user) {
		findForManaging(teamId, user).orElseThrow(() -> new OutOfScopeException("team", String.valueOf(teamId)));
		return memberships.find(membershipId).filter(m -> m.teamId() == teamId)
				.orElseThrow(() -> new OutOfScopeException("membership", String.valueOf(membershipId)));
	}

	private static String reason(String reason) {
		List<FieldProblem> problems = TeamRules.checkReason(reason);
		if (!problems.isEmpty()) {
			throw new TeamRefusedException(problems);
		}
		return reason.strip();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

	/** The where-clause of a listing: fixed SQL fragments chosen by which filters are set, values bound. */
	private record Filter(String where, Map<String, Object> params) {

		static Filter of(TeamQuery query, DataScope scope) {
			DataScope region = query.region().scope();
			StringBuilder where = new StringBuilder(
					"region_path >= :lower and region_path < :upper and region_path >= :limitLower and region_path < :limitUpper");
			Map<String, Object> params = new LinkedHashMap<>();
			params.put("lower", region.lower());
			params.put("upper", region.upper());
			params.put("limitLower", scope.lower());
			params.put("limitUpper", scope.upper());
			if (query.type() != null) {
				where.append(" and type = :type");
				params.put("type", query.type().name());
			}
			if (query.text() != null) {
				where.append(" and strpos(lower(name), lower(:text)) > 0");
				params.put("text", query.text());
			}
			return new Filter(where.toString(), params);
		}
	}
}
