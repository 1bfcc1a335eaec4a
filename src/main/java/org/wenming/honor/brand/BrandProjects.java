package org.wenming.honor.brand;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Volunteer service brand projects (志愿服务品牌项目: 志愿服务大擂台, 文明实践大讲堂, 便民集市, ...): staff whose
 * scope covers the project's region create and edit them; the public read them (they name teams and sites,
 * never a person).
 */
@Service
public class BrandProjects {

	/** Who keeps brand projects and awards: the offices (their scope still applies). */
	public static final Set<String> MANAGING_ROLES = Set.of(Roles.OFFICE_STAFF, Roles.SYSTEM_ADMIN);

	static final String COLUMNS = """
			p.id, p.name, p.description, p.team_id, t.name as team_name, p.site_id, s.name as site_name, p.region_code,
			r.name as region_name, p.region_path, p.since_year, p.status""";

	static final String FROM = """
			honor_brand_project p
			join published_region r on r.code = p.region_code
			left join published_team t on t.id = p.team_id
			left join published_practice_site s on s.id = p.site_id""";

	private final JdbcClient jdbc;

	private final Regions regions;

	BrandProjects(JdbcClient jdbc, Regions regions) {
		this.jdbc = jdbc;
		this.regions = regions;
	}

	public static boolean mayManage(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(MANAGING_ROLES::contains);
	}

	static void requireManaging(ScopedUser user) {
		if (!mayManage(user)) {
			throw new AccessDeniedException("brand projects need one of " + MANAGING_ROLES);
		}
	}

	/** A project's fields as submitted (texts: a number that is not one is a field problem). */
	public record Draft(String name, String description, String teamId, String siteId, String regionCode,
			String sinceYear, String status) {
	}

	private record Checked(String name, String description, Long teamId, Long siteId, Region region, Integer sinceYear,
			String status) {
	}

	/** @throws BrandRefusedException naming the fields; nothing stored */
	@Transactional
	public BrandProject create(Draft draft, ScopedUser user) {
		requireManaging(user);
		Checked c = check(draft, user);
		long id = jdbc.sql("""
				insert into honor_brand_project (name, description, team_id, site_id, region_code, region_path, since_year,
				    status, created_by, created_at)
				values (:name, :description, :team, :site, :region, :path, :since, :status, :by, :at) returning id""")
				.param("name", c.name()).param("description", c.description()).param("team", c.teamId(), Types.BIGINT)
				.param("site", c.siteId(), Types.BIGINT).param("region", c.region().code())
				.param("path", c.region().path()).param("since", c.sinceYear(), Types.INTEGER)
				.param("status", c.status()).param("by", user.username())
				.param("at", java.sql.Timestamp.from(Instant.now())).query(Long.class).single();
		return find(id).orElseThrow();
	}

	/** @throws BrandRefusedException naming the fields; nothing stored */
	@Transactional
	public BrandProject update(long id, Draft draft, ScopedUser user) {
		BrandProject project = findForStaff(id, user);
		Checked c = check(draft, user);
		jdbc.sql("""
				update honor_brand_project set name = :name, description = :description, team_id = :team, site_id = :site,
				    region_code = :region, region_path = :path, since_year = :since, status = :status
				where id = :id""")
				.param("name", c.name()).param("description", c.description()).param("team", c.teamId(), Types.BIGINT)
				.param("site", c.siteId(), Types.BIGINT).param("region", c.region().code())
				.param("path", c.region().path()).param("since", c.sinceYear(), Types.INTEGER)
				.param("status", c.status()).param("id", project.id()).update();
		return find(id).orElseThrow();
	}

	/** @throws OutOfScopeException when there is none or it lies outside the scope (answered as not found) */
	public BrandProject findForStaff(long id, ScopedUser user) {
		requireManaging(user);
		return find(id).filter(p -> user.scope().covers(p.regionPath()))
				.orElseThrow(() -> new OutOfScopeException("honor-brand-project", String.valueOf(id)));
	}

	public Optional<BrandProject> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where p.id = :id").param("id", id)
				.query(BrandProjects::row).optional();
	}

	/** The projects in a scope (all, retired last), by region and name, at most {@code limit}. */
	public List<BrandProject> in(DataScope scope, boolean activeOnly, int limit) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where p.region_path >= :lower and p.region_path < :upper"
				+ (activeOnly ? " and p.status = 'ACTIVE'" : "")
				+ " order by p.status, p.region_path, p.name, p.id limit :limit")
				.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit)
				.query(BrandProjects::row).list();
	}

	/** The active projects a team runs or a site holds (public). */
	public List<BrandProject> ofTeam(long teamId) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where p.team_id = :id and p.status = 'ACTIVE'"
				+ " order by p.name, p.id").param("id", teamId).query(BrandProjects::row).list();
	}

	public List<BrandProject> ofSite(long siteId) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where p.site_id = :id and p.status = 'ACTIVE'"
				+ " order by p.name, p.id").param("id", siteId).query(BrandProjects::row).list();
	}

	/** A team or site a staff member may name: its id and name. */
	public record Option(long id, String name) {
	}

	/** A region a project may belong to. */
	public record RegionOption(String code, String name, String path) {
	}

	/** The city, counties and towns in the scope, by path, for the form. */
	public List<RegionOption> regionsFor(ScopedUser user) {
		requireManaging(user);
		return jdbc.sql("""
				select code, name, path from published_region
				where level between 2 and 4 and path >= :lower and path < :upper order by path limit 1000""")
				.param("lower", user.scope().lower()).param("upper", user.scope().upper())
				.query((rs, i) -> new RegionOption(rs.getString("code"), rs.getString("name"), rs.getString("path"))).list();
	}

	/** The active teams in the scope, by name (at most 300), for the form. */
	public List<Option> teamsFor(ScopedUser user) {
		requireManaging(user);
		return jdbc.sql("""
				select id, name from published_team where status = 'ACTIVE' and region_path >= :lower and region_path < :upper
				order by name, id limit 300""").param("lower", user.scope().lower()).param("upper", user.scope().upper())
				.query((rs, i) -> new Option(rs.getLong("id"), rs.getString("name"))).list();
	}

	/** The centres and institutes in the scope and any site already named, by name (at most 300), for the form. */
	public List<Option> sitesFor(ScopedUser user) {
		requireManaging(user);
		return jdbc.sql("""
				select id, name from published_practice_site
				where region_path >= :lower and region_path < :upper
				  and (kind in ('CENTRE', 'INSTITUTE') or id in (select site_id from honor_brand_project where site_id is not null))
				order by length(region_path), name, id limit 300""").param("lower", user.scope().lower())
				.param("upper", user.scope().upper())
				.query((rs, i) -> new Option(rs.getLong("id"), rs.getString("name"))).list();
	}

	private Checked check(Draft draft, ScopedUser user) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = trim(draft.name());
		if (name == null || name.length() > 100) {
			problems.add(new FieldProblem("name", "honor.brand.error.name"));
		}
		String description = draft.description() == null ? "" : draft.description().strip();
		if (description.length() > 2000) {
			problems.add(new FieldProblem("description", "honor.brand.error.description"));
		}
		Long teamId = optionalId(draft.teamId());
		if (teamId != null && (teamId < 0 || !inScope("published_team", teamId, user))) {
			problems.add(new FieldProblem("teamId", "honor.brand.error.team"));
		}
		Long siteId = optionalId(draft.siteId());
		if (siteId != null && (siteId < 0 || !inScope("published_practice_site", siteId, user))) {
			problems.add(new FieldProblem("siteId", "honor.brand.error.site"));
		}
		String code = trim(draft.regionCode());
		Region region = code == null || !code.matches("\\d{2,12}") ? null
				: regions.find(code).filter(r -> user.scope().covers(r.path())).orElse(null);
		if (region == null) {
			problems.add(new FieldProblem("regionCode", "honor.brand.error.region"));
		}
		Integer since = null;
		String year = trim(draft.sinceYear());
		if (year != null) {
			if (year.matches("\\d{4}") && Integer.parseInt(year) >= 1949
					&& Integer.parseInt(year) <= java.time.Year.now(org.wenming.shared.CityTime.ZONE).getValue()) {
				since = Integer.valueOf(year);
			}
			else {
				problems.add(new FieldProblem("sinceYear", "honor.brand.error.year"));
			}
		}
		String status = trim(draft.status()) == null ? "ACTIVE" : trim(draft.status());
		if (!status.equals("ACTIVE") && !status.equals("RETIRED")) {
			problems.add(new FieldProblem("status", "honor.brand.error.status"));
		}
		if (!problems.isEmpty()) {
			throw new BrandRefusedException(problems);
		}
		return new Checked(name, description, teamId, siteId, region, since, status);
	}

	private boolean inScope(String view, long id, ScopedUser user) {
		return jdbc.sql("select region_path from " + view + " where id = :id").param("id", id).query(String.class)
				.optional().filter(path -> user.scope().covers(path)).isPresent();
	}

	static String trim(String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}

	/** A blank id is none; anything but digits is -1 (refused by the caller, naming the field). */
	static Long optionalId(String text) {
		String value = trim(text);
		if (value == null) {
			return null;
		}
		return value.matches("\\d{1,18}") ? Long.valueOf(value) : -1L;
	}

	static BrandProject row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new BrandProject(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
				rs.getObject("team_id", Long.class), rs.getString("team_name"), rs.getObject("site_id", Long.class),
				rs.getString("site_name"), rs.getString("region_code"), rs.getString("region_name"),
				rs.getString("region_path"), rs.getObject("since_year", Integer.class), rs.getString("status"));
	}
}
