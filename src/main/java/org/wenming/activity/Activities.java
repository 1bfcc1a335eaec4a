package org.wenming.activity;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.KeyLookups;
import org.wenming.platform.KeyedReads;
import org.wenming.platform.ReplicaReads;
import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteers;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.Teams;

/**
 * Activities: organizing them (team leaders for the teams they lead, site admins and office staff
 * inside their region), their life (draft → published → under way → finished, or cancelled), and
 * reading them, publicly (published ones) and for their organizers.
 *
 * <p>"Under way" and "finished" also follow the clock, computed on read ({@link Activity#statusAt}):
 * no job has to run for a page to be right, and an organizer's explicit "finish" (which records a
 * lecture's audience) stays the one stored fact statistics count.
 */
@Service
public class Activities {

	/** Roles that organize every activity inside their region. */
	public static final Set<String> STAFF_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF, Roles.SITE_ADMIN);

	static final String SELECT = """
			select a.id, a.title, a.description, a.type, a.lecture_setting, a.lecture_team_id, lt.name as lecture_team_name,
			    a.campaign_theme, a.course_subject, a.organizer_team_id, a.organizer_site_id,
			    coalesce(ot.name, os.name) as organizer_name, a.site_id, ps.name as place_name, a.address, a.latitude,
			    a.longitude, a.region_code, r.name as region_name, a.region_path, a.geofence_radius_m, a.requires_approval,
			    a.status, a.cancel_reason, a.audience_count, a.created_by, a.starts_at, a.ends_at, a.published_at,
			    a.finished_at, a.cancelled_at, a.version, a.listed, a.waitlist
			from activity a
			left join published_team ot on ot.id = a.organizer_team_id
			left join published_practice_site os on os.id = a.organizer_site_id
			left join published_team lt on lt.id = a.lecture_team_id
			left join published_practice_site ps on ps.id = a.site_id
			join published_region r on r.code = a.region_code
			""";

	static final RowMapper<Activity> ROW = (rs, i) -> new Activity(rs.getLong("id"), rs.getString("title"),
			rs.getString("description"), ActivityType.valueOf(rs.getString("type")),
			rs.getString("lecture_setting") == null ? null : LectureSetting.valueOf(rs.getString("lecture_setting")),
			rs.getObject("lecture_team_id", Long.class), rs.getString("lecture_team_name"),
			rs.getString("campaign_theme") == null ? null : CampaignTheme.valueOf(rs.getString("campaign_theme")),
			rs.getString("course_subject"), rs.getObject("organizer_team_id", Long.class),
			rs.getObject("organizer_site_id", Long.class), rs.getString("organizer_name"),
			rs.getObject("site_id", Long.class), rs.getString("place_name"), rs.getString("address"),
			rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), rs.getString("region_code"),
			rs.getString("region_name"), rs.getString("region_path"), rs.getObject("geofence_radius_m", Integer.class),
			rs.getBoolean("requires_approval"), ActivityStatus.valueOf(rs.getString("status")),
			rs.getString("cancel_reason"), rs.getObject("audience_count", Integer.class), rs.getString("created_by"),
			rs.getObject("starts_at", OffsetDateTime.class), rs.getObject("ends_at", OffsetDateTime.class),
			rs.getObject("published_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
			rs.getObject("cancelled_at", OffsetDateTime.class), rs.getInt("version"), rs.getBoolean("listed"),
			rs.getBoolean("waitlist"));

	static final String SHIFT_COLUMNS = """
			id, activity_id, starts_at, ends_at, capacity, min_age, required_skills, confirmed_count, waitlist_count,
			required_qualifications""";

	static final RowMapper<Shift> SHIFT = (rs, i) -> new Shift(rs.getLong("id"), rs.getLong("activity_id"),
			rs.getObject("starts_at", OffsetDateTime.class), rs.getObject("ends_at", OffsetDateTime.class),
			rs.getInt("capacity"), rs.getObject("min_age", Integer.class), strings(rs.getArray("required_skills")),
			rs.getInt("confirmed_count"), rs.getInt("waitlist_count"), strings(rs.getArray("required_qualifications")));

	/**
	 * The teams a person leads (those they were made leader of and every team below), as the team
	 * module answers them ({@link Teams#ledTeamIds}), bound as an array in {@code :led}.
	 */
	static final String LED = """
			with led (id) as (select unnest(cast(:led as bigint[])))
			""";

	private final JdbcClient jdbc;

	private final JdbcClient replica;

	/** Reads by key outside a transaction (an activity's page and its places left, polled in a rush). */
	private final JdbcClient keyLookups;

	private final Regions regions;

	private final PracticeSites sites;

	private final Teams teams;

	private final Volunteers volunteers;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final ActivityDocuments documents;

	Activities(JdbcClient jdbc, @ReplicaReads JdbcClient replica, @KeyLookups JdbcClient keyLookups, Regions regions, PracticeSites sites, Teams teams, Volunteers volunteers, Clock clock,
			org.springframework.context.ApplicationEventPublisher events, ActivityDocuments documents) {
		this.events = events;
		this.documents = documents;
		this.jdbc = jdbc;
		this.replica = replica;
		this.keyLookups = keyLookups;
		this.regions = regions;
		this.sites = sites;
		this.teams = teams;
		this.volunteers = volunteers;
		this.clock = clock;
	}

	public OffsetDateTime now() {
		return OffsetDateTime.now(clock);
	}

	public Region homeCity() {
		return sites.homeCity();
	}

	// ---- public reading --------------------------------------------------------------------------------

	public Optional<Activity> find(long id) {
		return KeyedReads.pick(jdbc, keyLookups).sql(SELECT + "where a.id = :id").param("id", id).query(ROW).optional();
	}

	/** An activity anyone may see: anything but a draft, and listed. */
	public Optional<Activity> findPublished(long id) {
		return findPublished(id, null);
	}

	/**
	 * An activity the person may see: anything but a draft; an unlisted one (a service desk's shift)
	 * only for the organizing team's members, its leaders and staff whose scope covers it.
	 *
	 * @param user the signed-in person, or null
	 * @throws OutOfScopeException when staff outside its scope ask for an unlisted one (answered as not found)
	 */
	public Optional<Activity> findPublished(long id, ScopedUser user) {
		Optional<Activity> found = find(id).filter(a -> a.status() != ActivityStatus.DRAFT);
		if (found.isEmpty() || found.get().listed()) {
			return found;
		}
		Activity activity = found.get();
		if (user != null && (mayManage(user, activity) || isTeamMember(user, activity))) {
			return found;
		}
		if (isStaff(user)) {
			throw new OutOfScopeException("activity", String.valueOf(id));
		}
		return Optional.empty();
	}

	/** Whether the person is a volunteer and a member ({@code MEMBER}) of the activity's organizing team now. */
	private boolean isTeamMember(ScopedUser user, Activity activity) {
		return activity.organizerTeamId() != null && volunteers.own(user)
			.map(v -> teams.isMember(activity.organizerTeamId(), v.id())).orElse(false);
	}

	public List<Shift> shifts(long activityId) {
		return KeyedReads.pick(jdbc, keyLookups)
			.sql("select " + SHIFT_COLUMNS + " from shift where activity_id = :id order by starts_at, id")
			.param("id", activityId).query(SHIFT).list();
	}

	public Optional<Shift> shift(long shiftId) {
		return jdbc.sql("select " + SHIFT_COLUMNS + " from shift where id = :id").param("id", shiftId).query(SHIFT)
			.optional();
	}

	/**
	 * Published activities not yet over, under the query's region: by start, or nearest first when
	 * asked "near me" (a bounding box the index answers, then the exact great-circle distance).
	 */
	public ActivityPage list(ActivityQuery query) {
		return list(query, true);
	}

	/**
	 * The next published activities under a region path, soonest first (the portal's "activities near me"):
	 * the public directory's query without its count of every match, which a list of a few does not show.
	 */
	public List<ActivityListing> upcoming(String regionPath, int size) {
		return list(new ActivityQuery(regionPath, null, null, null, null, null, null, 0, size), false).items();
	}

	private ActivityPage list(ActivityQuery query, boolean counted) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder where = new StringBuilder(
				"a.listed and a.status in ('PUBLISHED', 'UNDER_WAY') and a.ends_at > :now and a.region_path >= :lower"
						+ " and a.region_path < :upper");
		DataScope scope = query.regionPath() == null ? DataScope.EVERYTHING : new DataScope("q", query.regionPath());
		params.put("now", now());
		params.put("lower", scope.lower());
		params.put("upper", scope.upper());
		if (query.from() != null) {
			where.append(" and a.ends_at >= :from");
			params.put("from", query.from().atStartOfDay(CityTime.ZONE).toOffsetDateTime());
		}
		if (query.to() != null) {
			where.append(" and a.starts_at < :to");
			params.put("to", query.to().plusDays(1).atStartOfDay(CityTime.ZONE).toOffsetDateTime());
		}
		if (query.type() != null) {
			where.append(" and a.type = :type");
			params.put("type", query.type().name());
		}
		String distance = "null::float8";
		String order = "starts_at, id";
		if (query.near()) {
			double lat = query.latitude();
			double lng = query.longitude();
			double dLat = query.radiusKm() / 111.0;
			double dLng = query.radiusKm() / (111.0 * Math.max(0.01, Math.cos(Math.toRadians(lat))));
			where.append(" and a.latitude between :latMin and :latMax and a.longitude between :lngMin and :lngMax");
			// bound as numeric like the columns: a float8 parameter would cast the column and bypass the index
			params.put("latMin", BigDecimal.valueOf(lat - dLat));
			params.put("latMax", BigDecimal.valueOf(lat + dLat));
			params.put("lngMin", BigDecimal.valueOf(lng - dLng));
			params.put("lngMax", BigDecimal.valueOf(lng + dLng));
			params.put("lat", lat);
			params.put("lng", lng);
			params.put("radius", query.radiusKm());
			distance = "6371.0088 * 2 * asin(sqrt(power(sin(radians(a.latitude::float8 - :lat) / 2), 2)"
					+ " + cos(radians(:lat)) * cos(radians(a.latitude::float8))"
					+ " * power(sin(radians(a.longitude::float8 - :lng) / 2), 2)))";
			order = "distance_km, starts_at, id";
		}
		// The page's ids first, from the activity table alone, then their rows by key, and the count over the
		// table alone: the one statement that joined the names and the places left for every match was planned
		// afresh on every request (the pool forces custom plans: the region range needs them), 0.85 of its
		// 1.0 ms, and the count planned it again (docs/BENCHMARKS.md, "The public directory's statements").
		// The count needs no join: the names are left joins by key, and an activity's region always exists
		// (a foreign key). The ids are lag-tolerant (ReplicaReads); the rows by key come from the primary, which
		// holds every row a replica does. The places left are a hint: the activity's page and the sign-up read
		// the primary.
		String matches = "from (select a.id, a.starts_at, " + distance + " as distance_km from activity a where " + where
				+ ") x" + (query.near() ? " where distance_km <= :radius" : "");
		Map<Long, Double> page = new LinkedHashMap<>();
		replica.sql("select id, distance_km " + matches + " order by " + order + " limit :limit offset :offset")
			.params(params).param("limit", query.size()).param("offset", query.offset())
			.query(rs -> {
				page.put(rs.getLong("id"), rs.getObject("distance_km", Double.class));
			});
		List<ActivityListing> items = listings(page, (OffsetDateTime) params.get("now"));
		long total = counted ? replica.sql("select count(*) " + matches).params(params).query(Long.class).single()
				: items.size();
		return new ActivityPage(items, total, query.page(), query.size());
	}

	/**
	 * The listed rows of a page of activities, in the page's order, with their organizer, place, region and
	 * places left: by key on the plan-keeping pool (one generic plan instead of a join planned per request).
	 */
	private List<ActivityListing> listings(Map<Long, Double> page, OffsetDateTime now) {
		if (page.isEmpty()) {
			return List.of();
		}
		Map<Long, ActivityListing> found = new HashMap<>();
		KeyedReads.pick(jdbc, keyLookups).sql(LISTING).param("ids", page.keySet().toArray(Long[]::new)).param("now", now)
			.query(rs -> {
				long id = rs.getLong("id");
				found.put(id, new ActivityListing(id, rs.getString("title"), ActivityType.valueOf(rs.getString("type")),
						ActivityStatus.valueOf(rs.getString("status")), rs.getString("organizer_name"),
						rs.getString("place_name"), rs.getString("region_name"),
						rs.getObject("starts_at", OffsetDateTime.class), rs.getObject("ends_at", OffsetDateTime.class),
						rs.getInt("places_left"), page.get(id)));
			});
		// an activity gone between the two reads (none is ever deleted; kept for safety) is left out
		return page.keySet().stream().map(found::get).filter(java.util.Objects::nonNull).toList();
	}

	private static final String LISTING = """
			select a.id, a.title, a.type, a.status, coalesce(ot.name, os.name) as organizer_name,
			    coalesce(ps.name, a.address) as place_name, r.name as region_name, a.starts_at, a.ends_at,
			    (select coalesce(sum(s.capacity - s.confirmed_count), 0) from shift s
			     where s.activity_id = a.id and s.starts_at > :now) as places_left
			from activity a
			left join published_team ot on ot.id = a.organizer_team_id
			left join published_practice_site os on os.id = a.organizer_site_id
			left join published_practice_site ps on ps.id = a.site_id
			join published_region r on r.code = a.region_code
			where a.id = any(cast(:ids as bigint[]))""";

	// ---- who may organize ---------------------------------------------------------------------------------

	public static boolean isStaff(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(STAFF_ROLES::contains);
	}

	/** Whether the person may see the organizers' pages at all: staff, or a leader of some team. */
	public boolean mayOrganizeAny(ScopedUser user) {
		return isStaff(user) || teams.mayManageAny(user);
	}

	public boolean mayManage(ScopedUser user, Activity activity) {
		return user != null && ((isStaff(user) && user.scope().covers(activity.regionPath()))
				|| (activity.organizerTeamId() != null && teams.leads(user, activity.organizerTeamId())));
	}

	/**
	 * An activity for its organizers to read or change.
	 *
	 * @throws OutOfScopeException when it exists but is not theirs (answered as not found)
	 */
	public Optional<Activity> findForManaging(long id, ScopedUser user) {
		Optional<Activity> activity = find(id);
		if (activity.isPresent() && !mayManage(user, activity.get())) {
			throw new OutOfScopeException("activity", String.valueOf(id));
		}
		return activity;
	}

	/** The region a staff list starts from: the one asked for, or the person's own. */
	public Optional<Region> managingRegion(String code, ScopedUser user) {
		return sites.listStart(code, user, isStaff(user));
	}

	/** Activities the person organizes under a region: those in their scope (staff) and their teams' (leaders). */
	public ActivityPage listForManaging(Region region, ActivityStatus status, int page, int size, ScopedUser user) {
		Map<String, Object> params = new LinkedHashMap<>();
		DataScope scope = isStaff(user) ? user.scope() : null;
		params.put("staff", scope != null);
		params.put("scopeLower", scope == null ? "" : scope.lower());
		params.put("scopeUpper", scope == null ? "" : scope.upper());
		params.put("led", led(user));
		params.put("lower", region.scope().lower());
		params.put("upper", region.scope().upper());
		params.put("status", status == null ? "" : status.name());
		String where = " where a.region_path >= :lower and a.region_path < :upper and (:status = '' or a.status = :status)"
				+ " and ((:staff and a.region_path >= :scopeLower and a.region_path < :scopeUpper)"
				+ " or a.organizer_team_id in (select id from led))";
		OffsetDateTime now = now();
		List<Activity> found = jdbc.sql(LED + SELECT + where + " order by a.starts_at desc nulls last, a.id desc"
				+ " limit :limit offset :offset").params(params).param("limit", size).param("offset", (long) page * size)
			.query(ROW).list();
		List<ActivityListing> items = found.stream().map(a -> new ActivityListing(a.id(), a.title(), a.type(),
				a.statusAt(now), a.organizerName(), a.placeName() != null ? a.placeName() : a.address(), a.regionName(),
				a.startsAt(), a.endsAt(), 0, null)).toList();
		long total = jdbc.sql(LED + "select count(*) from activity a" + where).params(params).query(Long.class).single();
		return new ActivityPage(items, total, page, size);
	}

	/** The teams a person may organize for (staff: active teams in their scope; leaders: the teams they lead). */
	public List<Team> organizingTeams(ScopedUser user, int limit) {
		DataScope scope = isStaff(user) ? user.scope() : null;
		List<Long> ids = jdbc.sql(LED + """
				select id from published_team where status = 'ACTIVE' and ((:staff and region_path >= :lower and region_path < :upper)
				    or id in (select id from led)) order by region_path, name, id limit :limit""")
			.param("led", led(user)).param("staff", scope != null)
			.param("lower", scope == null ? "" : scope.lower()).param("upper", scope == null ? "" : scope.upper())
			.param("limit", limit).query(Long.class).list();
		return ids.stream().map(teams::find).flatMap(Optional::stream).toList();
	}

	/** {@link #LED}'s parameter: the ids as a PostgreSQL array literal ("{4,9}"). */
	private String led(ScopedUser user) {
		return teams.ledTeamIds(user.userId()).stream().map(String::valueOf)
				.collect(java.util.stream.Collectors.joining(",", "{", "}"));
	}

	// ---- organizing -------------------------------------------------------------------------------------

	@Transactional
	public Activity create(ActivityDraft submitted, ScopedUser user) {
		if (!mayOrganizeAny(user)) {
			throw new AccessDeniedException("organizing activities needs a staff role or a team to lead");
		}
		ActivityDraft draft = normalized(submitted.trimmed());
		Place place = check(draft, user, true);
		return find(insert(draft, place, user.username(), true, true)).orElseThrow();
	}

	/**
	 * A service desk's order becomes a shift of the dispatched team (派单): a SERVICE activity organized by
	 * the team, published at once, not listed publicly, without a waitlist and without approval, at the
	 * village only (no address, no position, no geofence: the home address never enters the activity),
	 * with one shift of the places needed. Checked as {@link #create} checks, except the actor: the desk
	 * checked its dispatcher's scope. Cancelled with {@link #cancel}.
	 *
	 * @param actor who dispatched (recorded as the creator)
	 * @return the new shift; its {@link Shift#activityId()} is the activity
	 */
	@Transactional
	public Shift createServiceShift(ServiceShiftDraft shift, String actor) {
		ActivityDraft draft = normalized(shift.asActivityDraft().trimmed());
		Place place = check(draft, null, false);
		if (place.region().level() != RegionLevel.VILLAGE) {
			throw ActivityRefusedException.invalid("regionCode", "activity.error.regionNotVillage");
		}
		long id = insert(draft, place, actor, false, false);
		// unlisted: never public, so the search is not told (ActivityDocuments would find nothing to show)
		markPublished(id);
		return shifts(id).get(0);
	}

	/** The activity and its shifts, as a draft. */
	private long insert(ActivityDraft draft, Place place, String by, boolean listed, boolean waitlist) {
		long id = jdbc.sql("""
				insert into activity (title, description, type, lecture_setting, lecture_team_id, campaign_theme,
				    course_subject, organizer_team_id, organizer_site_id, site_id, address, latitude, longitude, region_code,
				    region_path, geofence_radius_m, requires_approval, created_by, listed, waitlist)
				values (:title, :description, :type, :setting, :lectureTeam, :theme, :subject, :orgTeam, :orgSite, :site,
				    :address, :lat, :lng, :regionCode, :regionPath, :geofence, :approval, :by, :listed, :waitlist)
				returning id""").params(columns(draft, place)).param("by", by).param("listed", listed)
			.param("waitlist", waitlist).query(Long.class).single();
		insertShifts(id, draft.shifts());
		return id;
	}

	/** Changes a draft (its shifts replaced); once published, volunteers signed up on its terms, so it is fixed. */
	@Transactional
	public Activity update(long id, int version, ActivityDraft submitted, ScopedUser user) {
		Activity activity = findForManaging(id, user).orElseThrow(() -> new org.wenming.platform.RecordNotFound());
		if (activity.status() != ActivityStatus.DRAFT) {
			throw ActivityRefusedException.conflict("activity.error.onlyDraftEditable");
		}
		ActivityDraft draft = normalized(submitted.trimmed());
		Place place = check(draft, user, true);
		int changed = jdbc.sql("""
				update activity set title = :title, description = :description, type = :type, lecture_setting = :setting,
				    lecture_team_id = :lectureTeam, campaign_theme = :theme, course_subject = :subject,
				    organizer_team_id = :orgTeam, organizer_site_id = :orgSite, site_id = :site, address = :address,
				    latitude = :lat, longitude = :lng, region_code = :regionCode, region_path = :regionPath,
				    geofence_radius_m = :geofence, requires_approval = :approval, updated_at = now(), version = version + 1
				where id = :id and version = :version and status = 'DRAFT'""").params(columns(draft, place))
			.param("id", id).param("version", version).update();
		if (changed == 0) {
			throw ActivityRefusedException.conflict("activity.error.stale");
		}
		replaceShifts(id, draft.shifts());
		return find(id).orElseThrow();
	}

	/** Fields of other types are dropped: a service activity has no lecture setting. */
	private static ActivityDraft normalized(ActivityDraft d) {
		ActivityType type = d.type();
		return new ActivityDraft(d.title(), d.description(), type,
				type == ActivityType.LECTURE ? d.lectureSetting() : null,
				type == ActivityType.LECTURE ? d.lectureTeamId() : null,
				type == ActivityType.CAMPAIGN ? d.campaignTheme() : null,
				type == ActivityType.COURSE ? d.courseSubject() : null, d.organizerTeamId(), d.organizerSiteId(),
				d.siteId(), d.address(), d.regionCode(), d.latitude(), d.longitude(), d.geofenceRadiusM(),
				d.requiresApproval(), d.shifts());
	}

	private record Place(Region region, BigDecimal latitude, BigDecimal longitude) {
	}

	/**
	 * The rules, then what needs the database: organizer, place, lecture team and region, each the person's to
	 * use. A null person is the service desk, which checked its dispatcher's scope: the team must be active and
	 * the place inside its region.
	 *
	 * @param placeRequired false for a service shift, whose place is the village only
	 */
	private Place check(ActivityDraft draft, ScopedUser user, boolean placeRequired) {
		List<FieldProblem> problems = new ArrayList<>(
				ActivityRules.check(draft, volunteers.skillCodes(), now(), placeRequired));
		if (!problems.isEmpty()) {
			throw new ActivityRefusedException(problems);
		}
		String organizerPath;
		if (draft.organizerTeamId() != null) {
			Team team = teams.find(draft.organizerTeamId()).filter(Team::active).orElseThrow(
					() -> ActivityRefusedException.invalid("organizerTeamId", "activity.error.organizerUnknown"));
			boolean allowed = user == null || (isStaff(user) && user.scope().covers(team.regionPath()))
					|| teams.leads(user, team.id());
			if (!allowed) {
				throw ActivityRefusedException.invalid("organizerTeamId", "activity.error.organizerUnknown");
			}
			organizerPath = team.regionPath();
		}
		else {
			PracticeSite site = sites.find(draft.organizerSiteId()).orElseThrow(
					() -> ActivityRefusedException.invalid("organizerSiteId", "activity.error.organizerUnknown"));
			if (user == null || !isStaff(user) || !user.scope().covers(site.regionPath())) {
				throw ActivityRefusedException.invalid("organizerSiteId", "activity.error.organizerUnknown");
			}
			organizerPath = site.regionPath();
		}
		if (draft.lectureTeamId() != null && teams.find(draft.lectureTeamId()).filter(Team::active).isEmpty()) {
			throw ActivityRefusedException.invalid("lectureTeamId", "activity.error.teamUnknown");
		}
		Region region;
		BigDecimal lat = draft.latitude();
		BigDecimal lng = draft.longitude();
		if (draft.siteId() != null) {
			PracticeSite site = sites.find(draft.siteId())
				.orElseThrow(() -> ActivityRefusedException.invalid("siteId", "activity.error.siteUnknown"));
			region = regions.find(site.regionCode()).orElseThrow();
			if (lat == null && site.latitude() != null) {
				lat = site.latitude();
				lng = site.longitude();
			}
		}
		else {
			region = regions.find(draft.regionCode())
				.orElseThrow(() -> ActivityRefusedException.invalid("regionCode", "activity.error.regionUnknown"));
		}
		// the activity lies where its organizer works, and inside a staff member's own region
		DataScope organizerScope = new DataScope("organizer", organizerPath);
		if (!organizerScope.covers(region.path()) || (isStaff(user) && !user.scope().covers(region.path())
				&& !teams.leads(user, draft.organizerTeamId() == null ? -1 : draft.organizerTeamId()))) {
			throw ActivityRefusedException.invalid(draft.siteId() != null ? "siteId" : "regionCode",
					"activity.error.regionOutsideOrganizer");
		}
		return new Place(region, lat, lng);
	}

	private static Map<String, Object> columns(ActivityDraft d, Place place) {
		Map<String, Object> p = new HashMap<>();
		p.put("title", d.title());
		p.put("description", d.description());
		p.put("type", d.type().name());
		p.put("setting", d.lectureSetting() == null ? null : d.lectureSetting().name());
		p.put("lectureTeam", d.lectureTeamId());
		p.put("theme", d.campaignTheme() == null ? null : d.campaignTheme().name());
		p.put("subject", d.courseSubject());
		p.put("orgTeam", d.organizerTeamId());
		p.put("orgSite", d.organizerSiteId());
		p.put("site", d.siteId());
		p.put("address", d.address());
		p.put("lat", place.latitude());
		p.put("lng", place.longitude());
		p.put("regionCode", place.region().code());
		p.put("regionPath", place.region().path());
		p.put("geofence", d.geofenceRadiusM());
		p.put("approval", d.requiresApproval());
		// JdbcClient needs a type for nulls: the driver infers it from the column
		return p;
	}

	/**
	 * The draft's shifts in order take the place of the stored ones: rows are updated in place (their
	 * ids stay, so anything pointing at them does too), extra drafts are added, and surplus rows go
	 * unless someone signed up for them.
	 */
	private void replaceShifts(long activityId, List<ShiftDraft> shifts) {
		List<Long> existing = jdbc.sql("select id from shift where activity_id = :id order by starts_at, id")
			.param("id", activityId).query(Long.class).list();
		for (int i = 0; i < Math.min(existing.size(), shifts.size()); i++) {
			ShiftDraft s = shifts.get(i);
			jdbc.sql("""
					update shift set starts_at = :start, ends_at = :end, capacity = :capacity, min_age = :minAge,
					    required_skills = string_to_array(:skills, ','),
					    required_qualifications = string_to_array(:qualifications, ','), version = version + 1 where id = :id""")
				.param("start", s.startsAt()).param("end", s.endsAt()).param("capacity", s.capacity())
				.param("minAge", s.minAge(), Types.INTEGER).param("skills", String.join(",", s.requiredSkills()))
				.param("qualifications", String.join(",", s.requiredQualifications()))
				.param("id", existing.get(i)).update();
		}
		for (Long surplus : existing.subList(Math.min(existing.size(), shifts.size()), existing.size())) {
			boolean used = jdbc.sql("select exists (select 1 from signup where shift_id = :id)").param("id", surplus)
				.query(Boolean.class).single();
			if (used) {
				throw ActivityRefusedException.invalid("shifts", "activity.error.shiftHasSignups");
			}
			jdbc.sql("delete from shift where id = :id").param("id", surplus).update();
		}
		insertShifts(activityId, shifts.subList(Math.min(existing.size(), shifts.size()), shifts.size()));
	}

	private void insertShifts(long activityId, List<ShiftDraft> shifts) {
		for (ShiftDraft s : shifts) {
			jdbc.sql("""
					insert into shift (activity_id, starts_at, ends_at, capacity, min_age, required_skills,
					    required_qualifications)
					values (:activity, :start, :end, :capacity, :minAge, string_to_array(:skills, ','),
					    string_to_array(:qualifications, ','))""")
				.param("activity", activityId).param("start", s.startsAt()).param("end", s.endsAt())
				.param("capacity", s.capacity()).param("minAge", s.minAge(), Types.INTEGER)
				.param("skills", String.join(",", s.requiredSkills()))
				.param("qualifications", String.join(",", s.requiredQualifications())).update();
		}
		jdbc.sql("""
				update activity set starts_at = (select min(starts_at) from shift where activity_id = :id),
				    ends_at = (select max(ends_at) from shift where activity_id = :id) where id = :id""")
			.param("id", activityId).update();
	}

	// ---- the life of an activity ---------------------------------------------------------------------------

	/** Draft → published: volunteers can see it and sign up. Every shift must still lie ahead. */
	@Transactional
	public Activity publish(long id, ScopedUser user) {
		Activity activity = locked(id, user);
		if (activity.status() != ActivityStatus.DRAFT) {
			throw ActivityRefusedException.conflict("activity.error.notDraft");
		}
		if (activity.startsAt() == null || !activity.startsAt().isAfter(now())) {
			throw ActivityRefusedException.conflict("activity.error.startedAlready");
		}
		markPublished(id);
		documents.tell(id);
		return find(id).orElseThrow();
	}

	private void markPublished(long id) {
		jdbc.sql("update activity set status = 'PUBLISHED', published_at = :now, updated_at = :now, version = version + 1"
				+ " where id = :id").param("id", id).param("now", now()).update();
	}

	/**
	 * Cancelled with a reason, before it finished: every live sign-up ends and each volunteer who had
	 * one is told in the app. The shifts are locked first, so no sign-up slips in meanwhile.
	 */
	@Transactional
	public Activity cancel(long id, String reason, ScopedUser user) {
		List<FieldProblem> problems = ActivityRules.checkReason(reason);
		if (!problems.isEmpty()) {
			throw new ActivityRefusedException(problems);
		}
		Activity activity = locked(id, user);
		ActivityStatus now = activity.statusAt(now());
		if (now == ActivityStatus.FINISHED || now == ActivityStatus.CANCELLED) {
			throw ActivityRefusedException.conflict("activity.error.notCancellable");
		}
		String why = reason.strip();
		jdbc.sql("select id from shift where activity_id = :id order by id for update").param("id", id).query(Long.class)
			.list();
		List<Long> told = jdbc.sql("""
				update signup set status = 'CANCELLED', cancelled_at = :now, reason = :reason
				where shift_id in (select id from shift where activity_id = :id)
				    and status in ('PENDING', 'CONFIRMED', 'WAITLISTED')
				returning volunteer_id""").param("id", id).param("now", now()).param("reason", why).query(Long.class)
			.list();
		jdbc.sql("update shift set confirmed_count = 0, waitlist_count = 0, version = version + 1 where activity_id = :id")
			.param("id", id).update();
		for (Long volunteer : told.stream().distinct().toList()) {
			Notices.tell(jdbc, volunteer, id, "CANCELLED", why);
		}
		jdbc.sql("""
				update activity set status = 'CANCELLED', cancel_reason = :reason, cancelled_at = :now, updated_at = :now,
				    version = version + 1 where id = :id""").param("id", id).param("reason", why).param("now", now())
			.update();
		documents.tell(id);
		return find(id).orElseThrow();
	}

	/**
	 * Finished, after it began: the organizer closes it; a lecture records its audience (听众人次),
	 * which the lecture statistics count.
	 */
	@Transactional
	public Activity finish(long id, Integer audienceCount, ScopedUser user) {
		Activity activity = locked(id, user);
		if (activity.status() != ActivityStatus.PUBLISHED && activity.status() != ActivityStatus.UNDER_WAY) {
			throw ActivityRefusedException.conflict("activity.error.notFinishable");
		}
		if (activity.startsAt() == null || activity.startsAt().isAfter(now())) {
			throw ActivityRefusedException.conflict("activity.error.notStarted");
		}
		if (activity.isLecture()) {
			if (audienceCount == null) {
				throw ActivityRefusedException.invalid("audienceCount", "activity.error.required");
			}
			if (audienceCount < 0 || audienceCount > ActivityRules.AUDIENCE_MAX) {
				throw ActivityRefusedException.invalid("audienceCount", "activity.error.audience");
			}
		}
		jdbc.sql("""
				update activity set status = 'FINISHED', finished_at = :now, audience_count = :audience, updated_at = :now,
				    version = version + 1 where id = :id""").param("id", id).param("now", now())
			.param("audience", activity.isLecture() ? audienceCount : null, Types.INTEGER).update();
		// finished activities stay public: the document is told again (its page now shows the outcome)
		documents.tell(id);
		Activity held = find(id).orElseThrow();
		events.publishEvent(new ActivityHeld(id, held.type(), held.lectureSetting(), held.lectureTeamId(),
				held.regionPath(), held.startsAt(), held.audienceCount(), held.organizerSiteId()));
		return held;
	}

	private Activity locked(long id, ScopedUser user) {
		findForManaging(id, user).orElseThrow(() -> new org.wenming.platform.RecordNotFound());
		jdbc.sql("select id from activity where id = :id for update").param("id", id).query(Long.class).single();
		return find(id).orElseThrow();
	}

	static List<String> strings(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		return Arrays.asList((String[]) array.getArray());
	}

	/** The city's date of an instant (a shift's day for the age rule). */
	static LocalDate cityDate(OffsetDateTime time) {
		return time.atZoneSameInstant(CityTime.ZONE).toLocalDate();
	}
}
