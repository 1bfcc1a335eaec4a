package org.wenming.honor.care;

import java.math.BigDecimal;
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
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The care measures (礼遇帮扶措施) of the city's and the counties' civilization offices: staff whose scope
 * covers the office create, edit and retire them. Never public.
 */
@Service
public class CareMeasures {

	/** Who keeps care measures and the register: the offices (their scope still applies). */
	public static final Set<String> MANAGING_ROLES = Set.of(Roles.OFFICE_STAFF, Roles.SYSTEM_ADMIN);

	private static final String COLUMNS = """
			m.id, m.region_code, r.name as region_name, r.path as region_path, m.code, m.kind, m.name, m.description,
			m.default_amount, m.active""";

	private final JdbcClient jdbc;

	private final Regions regions;

	CareMeasures(JdbcClient jdbc, Regions regions) {
		this.jdbc = jdbc;
		this.regions = regions;
	}

	public static boolean mayManage(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(MANAGING_ROLES::contains);
	}

	static void requireManaging(ScopedUser user) {
		if (!mayManage(user)) {
			throw new AccessDeniedException("care for the honoured needs one of " + MANAGING_ROLES);
		}
	}

	/**
	 * A new measure of the office of {@code regionCode} (the city or a county in the staff member's scope).
	 *
	 * @throws CareRefusedException naming the fields; nothing stored
	 */
	@Transactional
	public CareMeasure create(String regionCode, String code, String kind, String name, String description,
			String defaultAmount, ScopedUser user) {
		requireManaging(user);
		List<FieldProblem> problems = new ArrayList<>();
		String office = CareInputs.trim(regionCode);
		Optional<Region> region = office == null ? Optional.empty() : regions.find(office);
		if (region.isEmpty() || !(region.get().level() == RegionLevel.CITY || region.get().level() == RegionLevel.COUNTY)
				|| !user.scope().covers(region.get().path())) {
			problems.add(new FieldProblem("regionCode", "honor.care.error.officeUnknown"));
		}
		String c = CareInputs.trim(code);
		if (c == null || !c.matches("[A-Za-z0-9_-]{1,32}")) {
			problems.add(new FieldProblem("code", "honor.care.error.code"));
		}
		Fields fields = fields(kind, name, description, defaultAmount, problems);
		if (problems.isEmpty() && jdbc.sql("select count(*) from honor_care_measure where region_code = :r and code = :c")
				.param("r", office).param("c", c).query(Long.class).single() > 0) {
			problems.add(new FieldProblem("code", "honor.care.error.codeTaken"));
		}
		if (!problems.isEmpty()) {
			throw CareRefusedException.invalid(problems);
		}
		long id = jdbc.sql("""
				insert into honor_care_measure (region_code, code, kind, name, description, default_amount, created_by, created_at)
				values (:region, :code, :kind, :name, :description, :amount, :by, :at)
				on conflict (region_code, code) do nothing
				returning id""").param("region", office).param("code", c).param("kind", fields.kind().name())
				.param("name", fields.name()).param("description", fields.description())
				.param("amount", fields.amount(), Types.NUMERIC).param("by", user.username())
				.param("at", java.sql.Timestamp.from(Instant.now())).query(Long.class).optional()
				.orElseThrow(() -> CareRefusedException.invalid(List.of(new FieldProblem("code", "honor.care.error.codeTaken"))));
		return find(id).orElseThrow();
	}

	/** Changes a measure's kind, name, description and default amount (its office and code stay). */
	@Transactional
	public CareMeasure update(long id, String kind, String name, String description, String defaultAmount,
			ScopedUser user) {
		CareMeasure measure = findForStaff(id, user);
		List<FieldProblem> problems = new ArrayList<>();
		Fields fields = fields(kind, name, description, defaultAmount, problems);
		if (!problems.isEmpty()) {
			throw CareRefusedException.invalid(problems);
		}
		jdbc.sql("""
				update honor_care_measure set kind = :kind, name = :name, description = :description, default_amount = :amount
				where id = :id""").param("kind", fields.kind().name()).param("name", fields.name())
				.param("description", fields.description()).param("amount", fields.amount(), Types.NUMERIC)
				.param("id", measure.id()).update();
		return find(id).orElseThrow();
	}

	/** Retires a measure (grants already made keep naming it) or brings it back. */
	@Transactional
	public CareMeasure setActive(long id, boolean active, ScopedUser user) {
		CareMeasure measure = findForStaff(id, user);
		jdbc.sql("update honor_care_measure set active = :active where id = :id").param("active", active)
				.param("id", measure.id()).update();
		return find(id).orElseThrow();
	}

	/**
	 * A measure for a staff member to read or edit.
	 *
	 * @throws OutOfScopeException when there is none or its office lies outside the scope (answered as not found)
	 */
	public CareMeasure findForStaff(long id, ScopedUser user) {
		requireManaging(user);
		return find(id).filter(m -> user.scope().covers(m.regionPath()))
				.orElseThrow(() -> new OutOfScopeException("honor-care-measure", String.valueOf(id)));
	}

	Optional<CareMeasure> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from honor_care_measure m join published_region r on r.code = m.region_code"
				+ " where m.id = :id").param("id", id).query(CareMeasures::row).optional();
	}

	/**
	 * The measures a staff member may see: those of the offices in their scope and of the offices above
	 * it (a county office grants the city's measures too), active first.
	 */
	public List<CareMeasure> visibleTo(ScopedUser user) {
		requireManaging(user);
		return jdbc.sql("select " + COLUMNS + " from honor_care_measure m join published_region r on r.code = m.region_code"
				+ " where (r.path >= :lower and r.path < :upper) or starts_with(:scopePath, r.path)"
				+ " order by m.active desc, length(r.path), m.kind, m.name, m.id")
				.param("lower", user.scope().lower()).param("upper", user.scope().upper())
				.param("scopePath", user.scope().path()).query(CareMeasures::row).list();
	}

	/** An office: the city or a county. */
	public record Office(String code, String name, String path) {
	}

	/** The offices a staff member may create measures for: the city and the counties in their scope. */
	public List<Office> officesFor(ScopedUser user) {
		requireManaging(user);
		return jdbc.sql("""
				select code, name, path from published_region
				where level in (2, 3) and path >= :lower and path < :upper order by path""")
				.param("lower", user.scope().lower()).param("upper", user.scope().upper())
				.query((rs, i) -> new Office(rs.getString("code"), rs.getString("name"), rs.getString("path"))).list();
	}

	private record Fields(CareKind kind, String name, String description, BigDecimal amount) {
	}

	private static Fields fields(String kind, String name, String description, String defaultAmount,
			List<FieldProblem> problems) {
		CareKind k = CareKind.parse(CareInputs.trim(kind));
		if (k == null) {
			problems.add(new FieldProblem("kind", "honor.care.error.kind"));
		}
		String n = CareInputs.trim(name);
		if (n == null || n.length() > 100) {
			problems.add(new FieldProblem("name", "honor.care.error.name"));
		}
		String d = description == null ? "" : description.strip();
		if (d.length() > 1000) {
			problems.add(new FieldProblem("description", "honor.care.error.description"));
		}
		BigDecimal amount = CareInputs.money("defaultAmount", defaultAmount, problems, "honor.care.error.amount");
		return new Fields(k, n, d, amount);
	}

	private static CareMeasure row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		return new CareMeasure(rs.getLong("id"), rs.getString("region_code"), rs.getString("region_name"),
				rs.getString("region_path"), rs.getString("code"), CareKind.valueOf(rs.getString("kind")),
				rs.getString("name"), rs.getString("description"), rs.getBigDecimal("default_amount"),
				rs.getBoolean("active"));
	}
}
