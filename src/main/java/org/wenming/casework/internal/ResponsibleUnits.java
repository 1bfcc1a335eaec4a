package org.wenming.casework.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.account.AccountDirectory;
import org.wenming.account.AccountSummary;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;

/** Responsible units (责任单位) and the handler accounts linked to them. */
@Repository
public class ResponsibleUnits {

	public static final List<String> KINDS = List.of("BUREAU", "STREET_OFFICE", "TOWN", "UTILITY", "COMMUNITY", "OTHER");

	public record Unit(long id, String name, String kind, String regionCode, String regionPath, boolean active) {
	}

	public record Member(long userId, String username, String displayName) {
	}

	private final JdbcClient jdbc;

	private final Regions regions;

	private final AccountDirectory accounts;

	ResponsibleUnits(JdbcClient jdbc, Regions regions, AccountDirectory accounts) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.accounts = accounts;
	}

	public Optional<Unit> find(long id) {
		return jdbc.sql("select * from responsible_unit where id = :id").param("id", id).query(ResponsibleUnits::unit)
				.optional();
	}

	/** Units a staff member may dispatch to: those in their scope, plus the city-wide ones above it (bureaus, utilities). */
	public List<Unit> forScope(DataScope scope) {
		return jdbc.sql("""
				select * from responsible_unit
				where (region_path >= :lower and region_path < :upper) or :path like region_path || '%'
				order by region_path, name""")
				.param("lower", scope.lower()).param("upper", scope.upper()).param("path", scope.path())
				.query(ResponsibleUnits::unit).list();
	}

	/** The units a handler belongs to. */
	public List<Unit> ofMember(long userId) {
		return jdbc.sql("""
				select u.* from responsible_unit u join responsible_unit_member m on m.unit_id = u.id
				where m.user_id = :user order by u.name""").param("user", userId).query(ResponsibleUnits::unit).list();
	}

	public boolean isMember(long unitId, long userId) {
		return jdbc.sql("select exists (select 1 from responsible_unit_member where unit_id = :unit and user_id = :user)")
				.param("unit", unitId).param("user", userId).query(Boolean.class).single();
	}

	/** The unit's handlers by username; who they are comes from the account module. */
	public List<Member> members(long unitId) {
		List<Long> ids = jdbc.sql("select user_id from responsible_unit_member where unit_id = :unit")
				.param("unit", unitId).query(Long.class).list();
		return accounts.find(ids).values().stream()
				.map(a -> new Member(a.userId(), a.username(), a.displayName()))
				.sorted(java.util.Comparator.comparing(Member::username)).toList();
	}

	public long create(String name, String kind, String regionCode, DataScope scope, String by) {
		String text = CaseWorkflow.text("name", name, 100);
		if (kind == null || !KINDS.contains(kind)) {
			throw CaseRefusedException.invalid("kind", "casework.unit.kind");
		}
		Region region = regions.find(regionCode == null ? "" : regionCode.strip()).filter(r -> scope.covers(r.path()))
				.orElseThrow(() -> CaseRefusedException.invalid("regionCode", "casework.unit.region"));
		try {
			return jdbc.sql("""
					insert into responsible_unit (name, kind, region_code, region_path, updated_by)
					values (:name, :kind, :code, :path, :by) returning id""")
					.param("name", text).param("kind", kind).param("code", region.code()).param("path", region.path())
					.param("by", by).query(Long.class).single();
		}
		catch (DuplicateKeyException ex) {
			throw CaseRefusedException.invalid("name", "casework.unit.duplicate");
		}
	}

	public void setActive(long unitId, boolean active, String by) {
		jdbc.sql("update responsible_unit set active = :active, updated_by = :by where id = :id").param("active", active)
				.param("by", by).param("id", unitId).update();
	}

	/** Links a handler account (it must hold the UNIT_HANDLER role) to the unit. */
	public void addMember(long unitId, String username) {
		String name = username == null ? "" : username.strip();
		long userId = accounts.findEnabled(name).filter(a -> accounts.hasRole(name, Roles.UNIT_HANDLER))
				.map(AccountSummary::userId)
				.orElseThrow(() -> CaseRefusedException.invalid("username", "casework.unit.handler"));
		jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:unit, :user) on conflict do nothing")
				.param("unit", unitId).param("user", userId).update();
	}

	public void removeMember(long unitId, long userId) {
		jdbc.sql("delete from responsible_unit_member where unit_id = :unit and user_id = :user").param("unit", unitId)
				.param("user", userId).update();
	}

	private static Unit unit(ResultSet rs, int n) throws SQLException {
		return new Unit(rs.getLong("id"), rs.getString("name"), rs.getString("kind"), rs.getString("region_code"),
				rs.getString("region_path"), rs.getBoolean("active"));
	}
}
