package org.wenming.region;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.ReplicaReads;
import org.wenming.region.internal.SiteDocuments;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The practice network (新时代文明实践阵地): finding and listing sites for the public, and managing
 * them for staff inside their data scope. Every query that lists or counts is confined to a scope
 * bound as the range {@code region_path >= lower and region_path < upper}.
 */
@Service
public class PracticeSites {

	/** Roles that may manage sites (inside their scope). */
	public static final Set<String> MANAGING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF, Roles.SITE_ADMIN);

	private static final String COLUMNS = """
			id, region_code, region_path, kind, name, demonstration, address, opening_hours, contact_name,
			contact_phone, latitude, longitude, description, generated, created_at, updated_at, updated_by, version""";

	private static final RowMapper<PracticeSite> ROW = (rs, i) -> new PracticeSite(rs.getLong("id"),
			rs.getString("region_code"), rs.getString("region_path"), SiteKind.valueOf(rs.getString("kind")),
			rs.getString("name"), rs.getBoolean("demonstration"), rs.getString("address"),
			rs.getString("opening_hours"), rs.getString("contact_name"), rs.getString("contact_phone"),
			coordinate(rs, "latitude"), coordinate(rs, "longitude"), rs.getString("description"),
			rs.getBoolean("generated"), rs.getObject("created_at", OffsetDateTime.class),
			rs.getObject("updated_at", OffsetDateTime.class), rs.getString("updated_by"), rs.getInt("version"));

	private final JdbcClient jdbc;

	private final JdbcClient replica;

	private final Regions regions;

	private final String homeCity;

	private final SiteDocuments documents;

	PracticeSites(JdbcClient jdbc, @ReplicaReads JdbcClient replica, Regions regions, RegionProperties region,
			SiteDocuments documents) {
		this.jdbc = jdbc;
		this.replica = replica;
		this.regions = regions;
		this.homeCity = region.city();
		this.documents = documents;
	}

	/** The city whose network this platform runs: where the public directory starts. */
	public Region homeCity() {
		return regions.find(homeCity)
				.orElseThrow(() -> new IllegalStateException("wenming.regions.city " + homeCity + " is not a region"));
	}

	// ---- public reading ----------------------------------------------------------------------------

	/** Any site by id: site pages are public. */
	public Optional<PracticeSite> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from practice_site where id = :id").param("id", id).query(ROW)
				.optional();
	}

	/**
	 * The network's site of a region's own level: the station of a village, the institute of a town, the
	 * centre of a county (empty for other levels, or when the region has none).
	 */
	public Optional<PracticeSite> networkSite(String regionCode) {
		Optional<Region> region = regions.find(regionCode);
		if (region.isEmpty()) {
			return Optional.empty();
		}
		SiteKind kind = switch (region.get().level()) {
			case VILLAGE -> SiteKind.STATION;
			case TOWN -> SiteKind.INSTITUTE;
			case COUNTY -> SiteKind.CENTRE;
			default -> null;
		};
		if (kind == null) {
			return Optional.empty();
		}
		return jdbc.sql("select " + COLUMNS + " from practice_site where region_code = :code and kind = :kind")
			.param("code", regionCode).param("kind", kind.name()).query(ROW).optional();
	}

	/**
	 * The next site up the network from this one (a station → its town's institute → its county's
	 * centre; a point or base → the network's site of its own region, else further up): where an order
	 * is passed up or escalated to. Empty at a centre (the city has no site above its centres).
	 */
	public Optional<PracticeSite> above(PracticeSite site) {
		Optional<Region> region = regions.find(site.regionCode());
		boolean network = site.kind().level().isPresent();
		String code = region.map(r -> network ? r.parentCode() : r.code()).orElse(null);
		while (code != null) {
			Optional<Region> next = regions.find(code);
			if (next.isEmpty() || next.get().level().depth() < RegionLevel.COUNTY.depth()) {
				return Optional.empty();
			}
			Optional<PracticeSite> found = networkSite(code);
			if (found.isPresent()) {
				return found;
			}
			code = next.get().parentCode();
		}
		return Optional.empty();
	}

	/** A page of the sites under the query's region that also lie in the scope, in tree order. */
	public SitePage list(SiteQuery query, DataScope scope) {
		return list(jdbc, query, scope);
	}

	/**
	 * The same for the public directory, its API and the figures: lag-tolerant ({@link ReplicaReads}). Staff
	 * lists ({@link #list}) read the primary, so a site just saved is in the list the form returns to.
	 */
	public SitePage directory(SiteQuery query, DataScope scope) {
		return list(replica, query, scope);
	}

	public long directoryCount(SiteQuery query, DataScope scope) {
		return count(replica, query, scope);
	}

	public List<RegionSiteCount> directoryCountByChild(SiteQuery query, DataScope scope) {
		return countByChild(replica, query, scope);
	}

	private SitePage list(JdbcClient jdbc, SiteQuery query, DataScope scope) {
		Filter filter = Filter.of(query, scope);
		List<PracticeSite> items = filter.bind(jdbc.sql("select " + COLUMNS + " from practice_site where "
				+ filter.where() + " order by region_path, id limit :limit offset :offset"))
				.param("limit", query.size()).param("offset", query.offset()).query(ROW).list();
		long total = items.size() < query.size() && (query.page() == 0 || !items.isEmpty())
				? query.offset() + items.size() : count(jdbc, query, scope);
		return new SitePage(items, total, query.page(), query.size());
	}

	/** How many sites match the query (page and size ignored) inside the scope. */
	public long count(SiteQuery query, DataScope scope) {
		return count(jdbc, query, scope);
	}

	private static long count(JdbcClient jdbc, SiteQuery query, DataScope scope) {
		Filter filter = Filter.of(query, scope);
		return filter.bind(jdbc.sql("select count(*) from practice_site where " + filter.where())).query(Long.class)
				.single();
	}

	/**
	 * The query region's children, each with the number of matching sites in its subtree: one grouped
	 * query, since every child's path has the same length (codes of one level have one length).
	 */
	public List<RegionSiteCount> countByChild(SiteQuery query, DataScope scope) {
		return countByChild(jdbc, query, scope);
	}

	private List<RegionSiteCount> countByChild(JdbcClient jdbc, SiteQuery query, DataScope scope) {
		Region parent = query.region();
		List<Region> children = regions.children(parent.code());
		if (children.isEmpty()) {
			return List.of();
		}
		int childPathLength = parent.path().length() + RegionLevel.ofDepth(parent.level().depth() + 1).codeLength() + 1;
		Filter filter = Filter.of(query, scope);
		Map<String, Long> counts = new HashMap<>();
		filter.bind(jdbc.sql("select left(region_path, :childPathLength) as child_path, count(*) as sites"
				+ " from practice_site where " + filter.where() + " and length(region_path) >= :childPathLength"
				+ " group by 1"))
				.param("childPathLength", childPathLength)
				.query((rs, i) -> counts.put(rs.getString("child_path"), rs.getLong("sites"))).list();
		List<RegionSiteCount> result = new ArrayList<>(children.size());
		for (Region child : children) {
			result.add(new RegionSiteCount(child, counts.getOrDefault(child.path(), 0L)));
		}
		return result;
	}

	// ---- staff ---------------------------------------------------------------------------------------

	/** Whether the person holds a role that manages sites (scope still applies to each site). */
	public static boolean mayManage(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(MANAGING_ROLES::contains);
	}

	/**
	 * The region a staff list starts from: the one asked for, or the person's own (the home city for
	 * someone whose scope is everything).
	 *
	 * @throws AccessDeniedException when the region lies outside the person's scope
	 */
	public Optional<Region> staffRegion(String code, ScopedUser user) {
		requireManaging(user);
		return listStart(code, user, true);
	}

	/**
	 * The region a list of records someone manages starts from (sites, teams, activities): the one
	 * asked for, else a staff member's own region, else the home city (for someone whose scope is
	 * everything, and for people who manage records by another right than region, such as leaders).
	 *
	 * @param staff whether the person manages by region, so that the region must lie in their scope
	 * @throws AccessDeniedException when a staff member asks for a region outside their scope
	 */
	public Optional<Region> listStart(String code, ScopedUser user, boolean staff) {
		String wanted = code != null ? code
				: !staff || user.scope().isEverything() ? homeCity : user.scope().regionCode();
		Optional<Region> region = regions.find(wanted);
		if (region.isPresent() && staff && !user.scope().covers(region.get().path())) {
			throw new AccessDeniedException("region " + wanted + " is outside the caller's scope");
		}
		return region;
	}

	/**
	 * A site for a staff member to read or edit.
	 *
	 * @return empty when there is no such site
	 * @throws OutOfScopeException when the site exists outside the person's scope (answered as not found)
	 */
	public Optional<PracticeSite> findForStaff(long id, ScopedUser user) {
		requireManaging(user);
		Optional<PracticeSite> site = find(id);
		if (site.isPresent() && !user.scope().covers(site.get().regionPath())) {
			throw new OutOfScopeException("site", String.valueOf(id));
		}
		return site;
	}

	/** Adds a site by hand (a point or base, or a missing centre, institute or station); the search is told. */
	@Transactional
	public PracticeSite create(SiteDraft submitted, ScopedUser user) {
		requireManaging(user);
		SiteDraft draft = submitted.trimmed();
		List<FieldProblem> problems = new ArrayList<>(SiteRules.check(draft, true));
		if (!problems.isEmpty()) {
			throw new SiteRefusedException(problems);
		}
		Region region = regions.find(draft.regionCode())
				.orElseThrow(() -> new SiteRefusedException(List.of(new FieldProblem("regionCode", "site.error.regionUnknown"))));
		if (!user.scope().covers(region.path())) {
			throw new AccessDeniedException("region " + region.code() + " is outside the caller's scope");
		}
		if (draft.kind().level().isPresent() && draft.kind().level().get() != region.level()) {
			throw new SiteRefusedException(List.of(new FieldProblem("kind", "site.error.kindLevel")));
		}
		try {
			long id = bindDraft(jdbc.sql("""
					insert into practice_site (region_code, region_path, kind, name, demonstration, address, opening_hours,
					    contact_name, contact_phone, latitude, longitude, description, generated, updated_by)
					values (:regionCode, :regionPath, :kind, :name, :demonstration, :address, :openingHours,
					    :contactName, :contactPhone, :latitude, :longitude, :description, false, :by)
					returning id"""), draft)
					.param("regionCode", region.code()).param("regionPath", region.path())
					.param("kind", draft.kind().name()).param("by", user.username()).query(Long.class).single();
			documents.tell(id);
			return find(id).orElseThrow();
		}
		catch (DuplicateKeyException ex) {
			throw new SiteRefusedException(List.of(new FieldProblem("kind", "site.error.duplicate")));
		}
	}

	/**
	 * Changes a site's details (not its region or kind), refusing the edit if someone else changed the
	 * site since {@code version}.
	 *
	 * @return the site as changed, or empty when there is no such site
	 * @throws StaleSiteException when the site is no longer at that version
	 */
	@Transactional
	public Optional<PracticeSite> update(long id, int version, SiteDraft submitted, ScopedUser user) {
		Optional<PracticeSite> found = findForStaff(id, user);
		if (found.isEmpty()) {
			return found;
		}
		PracticeSite site = found.get();
		SiteDraft draft = submitted.trimmed();
		List<FieldProblem> problems = SiteRules.check(draft, false);
		if (!problems.isEmpty()) {
			throw new SiteRefusedException(problems);
		}
		DataScope scope = user.scope();
		int changed = bindDraft(jdbc.sql("""
				update practice_site set name = :name, demonstration = :demonstration, address = :address,
				    opening_hours = :openingHours, contact_name = :contactName, contact_phone = :contactPhone,
				    latitude = :latitude, longitude = :longitude, description = :description,
				    updated_at = now(), updated_by = :by, version = version + 1
				where id = :id and version = :version and region_path >= :lower and region_path < :upper"""), draft)
				.param("id", site.id()).param("version", version).param("by", user.username())
				.param("lower", scope.lower()).param("upper", scope.upper()).update();
		if (changed == 0) {
			throw new StaleSiteException(id, version);
		}
		// the name, the address or the demonstration flag may have changed: the search hears of it in this transaction
		documents.tell(id);
		return find(id);
	}

	private static JdbcClient.StatementSpec bindDraft(JdbcClient.StatementSpec statement, SiteDraft draft) {
		return statement.param("name", draft.name()).param("demonstration", draft.demonstration())
				.param("address", draft.address(), Types.VARCHAR).param("openingHours", draft.openingHours(), Types.VARCHAR)
				.param("contactName", draft.contactName(), Types.VARCHAR)
				.param("contactPhone", draft.contactPhone(), Types.VARCHAR)
				.param("latitude", draft.latitude(), Types.NUMERIC).param("longitude", draft.longitude(), Types.NUMERIC)
				.param("description", draft.description(), Types.VARCHAR);
	}

	private static void requireManaging(ScopedUser user) {
		if (!mayManage(user)) {
			throw new AccessDeniedException("managing practice sites needs one of " + MANAGING_ROLES);
		}
	}

	// ---- the generated network -----------------------------------------------------------------------

	/**
	 * Sets up a centre for every county, an institute for every town and a station for every village
	 * of the city, named as the city writes them. Idempotent and safe when several nodes start at once:
	 * one transaction, an advisory lock, and regions that already have their site are skipped.
	 *
	 * @return how many sites were added
	 */
	@Transactional
	public int generateNetwork(String cityCode) {
		Region city = regions.find(cityCode)
				.orElseThrow(() -> new IllegalStateException("wenming.regions.city " + cityCode + " is not a region"));
		jdbc.sql("select pg_advisory_xact_lock(4412002)").query((rs, i) -> 1).list();
		DataScope scope = city.scope();
		return jdbc.sql(GENERATE).param("lower", scope.lower()).param("upper", scope.upper()).update();
	}

	/*
	 * Names as the city writes them: the county's own name for its centre; a town's name without the
	 * county prefix some carry ("端州区城东街道" → "城东街道"); a village committee's name without the
	 * committee ("杏花社区居委会" → "杏花社区", "罗建村委会" → "罗建村", "城东居委会" → "城东社区").
	 */
	private static final String GENERATE = """
			insert into practice_site (region_code, region_path, kind, name, generated, updated_by)
			select r.code, r.path,
			       case r.level when 3 then 'CENTRE' when 4 then 'INSTITUTE' else 'STATION' end,
			       case r.level
			         when 3 then r.name || '新时代文明实践中心'
			         when 4 then (case when starts_with(r.name, p.name) and length(r.name) > length(p.name)
			                           then substr(r.name, length(p.name) + 1) else r.name end) || '新时代文明实践所'
			         else (case
			                 when r.name ~ '(村民委员会|村委会|村委)$'
			                   then regexp_replace(r.name, '(村民委员会|村委会|村委)$', '') || '村'
			                 when r.name ~ '(社区|村)(居民委员会|居委会|居委)$'
			                   then regexp_replace(r.name, '(居民委员会|居委会|居委)$', '')
			                 when r.name ~ '(居民委员会|居委会|居委)$'
			                   then regexp_replace(r.name, '(居民委员会|居委会|居委)$', '') || '社区'
			                 else r.name end) || '新时代文明实践站'
			       end,
			       true, 'system'
			from region r join region p on p.code = r.parent_code
			where r.path >= :lower and r.path < :upper and r.level between 3 and 5
			order by r.path
			on conflict (region_code, kind) where kind in ('CENTRE', 'INSTITUTE', 'STATION') do nothing""";

	// ---- helpers -------------------------------------------------------------------------------------

	/** Coordinates without the column's trailing zeros (23.047000 → 23.047), never in E-notation. */
	private static BigDecimal coordinate(ResultSet rs, String column) throws SQLException {
		BigDecimal value = rs.getBigDecimal(column);
		if (value == null) {
			return null;
		}
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}

	/** The where-clause of a listing: fixed SQL fragments chosen by which filters are set, values bound. */
	private record Filter(String where, Map<String, Object> params) {

		static Filter of(SiteQuery query, DataScope scope) {
			DataScope region = query.region().scope();
			StringBuilder where = new StringBuilder(
					"region_path >= :lower and region_path < :upper and region_path >= :scopeLower and region_path < :scopeUpper");
			Map<String, Object> params = new LinkedHashMap<>();
			params.put("lower", region.lower());
			params.put("upper", region.upper());
			params.put("scopeLower", scope.lower());
			params.put("scopeUpper", scope.upper());
			if (query.kind() != null) {
				where.append(" and kind = :kind");
				params.put("kind", query.kind().name());
			}
			if (query.demonstrationOnly()) {
				where.append(" and demonstration");
			}
			if (query.text() != null) {
				where.append(" and strpos(lower(name), lower(:text)) > 0");
				params.put("text", query.text());
			}
			return new Filter(where.toString(), params);
		}

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
			return statement.params(params);
		}
	}
}
