package org.wenming.assessment.place;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.assessment.PlaceType;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The registry of places (测评点位): staff list, add, change and deactivate the places in their scope;
 * a whole file is imported by {@link PlaceImports}. Every place lies in a village or community.
 */
@Service
public class Places {

	static final String COLUMNS = """
			p.id, p.place_type, p.name, p.address, p.region_code, p.region_path, p.latitude, p.longitude, p.active,
			p.created_by, p.created_at, p.updated_at, v.name as village_name, t.name as town_name, c.name as county_name""";

	// the village, its town and county, by the path's segments
	static final String FROM = """
			from assessment_place p
			left join published_region v on v.code = p.region_code
			left join published_region t on t.code = split_part(p.region_path, '.', 4)
			left join published_region c on c.code = split_part(p.region_path, '.', 3)""";

	static final RowMapper<Place> ROW = Places::row;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final PracticeSites sites;

	Places(JdbcClient jdbc, Regions regions, PracticeSites sites) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
	}

	/** Whether the person may manage places (office staff and the system administrator; scope still applies). */
	public static boolean mayManage(ScopedUser user) {
		return user != null && (user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN));
	}

	/** The city this installation inspects. */
	public Region homeCity() {
		return sites.homeCity();
	}

	/**
	 * Where a staff list starts: the region asked for, else the person's own (the home city for the
	 * system administrator).
	 *
	 * @throws AccessDeniedException for a region outside the person's scope
	 */
	public Optional<Region> staffRegion(String code, ScopedUser user) {
		requireManaging(user);
		String wanted = code != null ? code : user.scope().isEverything() ? homeCity().code() : user.scope().regionCode();
		Optional<Region> region = regions.find(wanted);
		if (region.isPresent() && !user.scope().covers(region.get().path())) {
			throw new AccessDeniedException("region " + wanted + " is outside the caller's scope");
		}
		return region;
	}

	public PlacePage list(PlaceQuery query, DataScope scope) {
		DataScope range = narrowest(query.region().scope(), scope);
		StringBuilder where = new StringBuilder(" where p.region_path >= :lower and p.region_path < :upper");
		if (query.type() != null) {
			where.append(" and p.place_type = :type");
		}
		if (!query.includeInactive()) {
			where.append(" and p.active");
		}
		if (query.text() != null) {
			where.append(" and (p.name like :text escape '\\' or p.address like :text escape '\\')");
		}
		String pattern = query.text() == null ? null
				: "%" + query.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		long total = bind(jdbc.sql("select count(*) from assessment_place p" + where), range, query, pattern)
				.query(Long.class).single();
		List<Place> items = bind(jdbc.sql("select " + COLUMNS + " " + FROM + where
				+ " order by p.region_path, p.place_type, p.name, p.id limit :limit offset :offset"), range, query, pattern)
				.param("limit", query.size()).param("offset", (long) query.page() * query.size()).query(ROW).list();
		return new PlacePage(items, total, query.page(), query.size());
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, DataScope range, PlaceQuery query,
			String pattern) {
		sql = sql.param("lower", range.lower()).param("upper", range.upper());
		if (query.type() != null) {
			sql = sql.param("type", query.type().name());
		}
		if (pattern != null) {
			sql = sql.param("text", pattern);
		}
		return sql;
	}

	/** The narrower of two scopes, one of which covers the other (a region asked for inside one's scope). */
	private static DataScope narrowest(DataScope asked, DataScope allowed) {
		return allowed.covers(asked.path()) || allowed.isEverything() ? asked : allowed;
	}

	public Optional<Place> find(long id) {
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where p.id = :id").param("id", id).query(ROW).optional();
	}

	/** Places by id (any missing are left out), for the rounds' tables. */
	public List<Place> find(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " " + FROM + " where p.id in (:ids) order by p.id").param("ids", ids)
				.query(ROW).list();
	}

	/**
	 * A place for a staff member to read or change.
	 *
	 * @return empty when there is no such place
	 * @throws OutOfScopeException when it lies outside the person's scope (answered as not found and audited)
	 */
	public Optional<Place> findForStaff(long id, ScopedUser user) {
		requireManaging(user);
		Optional<Place> place = find(id);
		if (place.isPresent() && !user.scope().covers(place.get().regionPath())) {
			throw new OutOfScopeException("assessment place", String.valueOf(id));
		}
		return place;
	}

	@Transactional
	public Place create(PlaceDraft submitted, ScopedUser user) {
		requireManaging(user);
		PlaceDraft draft = submitted.trimmed();
		Region village = checked(draft, user);
		try {
			long id = jdbc.sql("""
					insert into assessment_place (place_type, name, address, region_code, region_path, latitude, longitude,
					    active, created_by, created_at, updated_at)
					values (:type, :name, :address, :code, :path, :lat, :lon, true, :by, now(), now()) returning id""")
					.param("type", draft.type().name()).param("name", draft.name()).param("address", draft.address())
					.param("code", village.code()).param("path", village.path())
					.param("lat", draft.latitude(), Types.NUMERIC).param("lon", draft.longitude(), Types.NUMERIC)
					.param("by", user.username()).query(Long.class).single();
			return find(id).orElseThrow();
		}
		catch (DuplicateKeyException ex) {
			throw new PlaceRefusedException("name", "assessment.place.error.duplicate");
		}
	}

	/**
	 * Changes a place's type, name, address, village or position.
	 *
	 * @throws OutOfScopeException when the place lies outside the person's scope
	 */
	@Transactional
	public Optional<Place> update(long id, PlaceDraft submitted, ScopedUser user) {
		if (findForStaff(id, user).isEmpty()) {
			return Optional.empty();
		}
		PlaceDraft draft = submitted.trimmed();
		Region village = checked(draft, user);
		try {
			jdbc.sql("""
					update assessment_place set place_type = :type, name = :name, address = :address, region_code = :code,
					    region_path = :path, latitude = :lat, longitude = :lon, updated_at = now()
					where id = :id""")
					.param("type", draft.type().name()).param("name", draft.name()).param("address", draft.address())
					.param("code", village.code()).param("path", village.path())
					.param("lat", draft.latitude(), Types.NUMERIC).param("lon", draft.longitude(), Types.NUMERIC)
					.param("id", id).update();
		}
		catch (DuplicateKeyException ex) {
			throw new PlaceRefusedException("name", "assessment.place.error.duplicate");
		}
		return find(id);
	}

	/** Deactivates (no longer drawn) or reactivates a place; earlier rounds keep it. */
	@Transactional
	public Optional<Place> setActive(long id, boolean active, ScopedUser user) {
		if (findForStaff(id, user).isEmpty()) {
			return Optional.empty();
		}
		jdbc.sql("update assessment_place set active = :active, updated_at = now() where id = :id")
				.param("active", active).param("id", id).update();
		return find(id);
	}

	/** Every rule of the draft, then its village: a village or community inside the person's scope. */
	private Region checked(PlaceDraft draft, ScopedUser user) {
		List<PlaceProblem> problems = new ArrayList<>(PlaceRules.check(draft));
		Region village = null;
		if (draft.regionCode() != null && problems.stream().noneMatch(p -> p.field().equals("regionCode"))) {
			village = regions.find(draft.regionCode()).filter(r -> user.scope().covers(r.path())).orElse(null);
			if (village == null) {
				problems.add(new PlaceProblem("regionCode", "assessment.place.error.regionUnknown"));
			}
			else if (village.level() != RegionLevel.VILLAGE) {
				problems.add(new PlaceProblem("regionCode", "assessment.place.error.village"));
			}
		}
		if (!problems.isEmpty()) {
			throw new PlaceRefusedException(problems);
		}
		return village;
	}

	static void requireManaging(ScopedUser user) {
		if (!mayManage(user)) {
			throw new AccessDeniedException("places are managed by office staff");
		}
	}

	private static Place row(ResultSet rs, int n) throws SQLException {
		return new Place(rs.getLong("id"), PlaceType.valueOf(rs.getString("place_type")), rs.getString("name"),
				rs.getString("address"), rs.getString("region_code"), rs.getString("region_path"),
				rs.getString("village_name"), rs.getString("town_name"), rs.getString("county_name"),
				coordinate(rs.getBigDecimal("latitude")), coordinate(rs.getBigDecimal("longitude")), rs.getBoolean("active"),
				rs.getString("created_by"), rs.getObject("created_at", java.time.OffsetDateTime.class),
				rs.getObject("updated_at", java.time.OffsetDateTime.class));
	}

	private static BigDecimal coordinate(BigDecimal value) {
		return value == null ? null : value.stripTrailingZeros();
	}
}
