package org.wenming.account.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.shared.DataScope;

/**
 * The users (账号). Every list and count is confined to a data scope by the region path range,
 * bound as parameters; a single user is loaded with its region path so the caller can check scope.
 */
@Repository
class Accounts {

	private static final String SELECT = """
			select u.id, u.username, u.display_name, u.region_code, r.name as region_name, r.path, u.enabled,
			       u.password_changed_at, u.created_at,
			       coalesce((select string_agg(ur.role, ',' order by ur.role) from user_role ur
			                 where ur.user_id = u.id), '') as roles
			from app_user u join published_region r on r.code = u.region_code
			""";

	private static final String IN_SCOPE = """
			where r.path >= :lower and r.path < :upper
			  and (:text = '' or u.username like :pattern escape '\\' or u.display_name like :pattern escape '\\')
			  and (:role = '' or exists (select 1 from user_role ur where ur.user_id = u.id and ur.role = :role))
			""";

	private final JdbcClient jdbc;

	Accounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Account> find(DataScope scope, UserFilter filter) {
		return bind(jdbc.sql(SELECT + IN_SCOPE + " order by u.username limit :limit offset :offset"), scope, filter)
				.param("limit", UserFilter.PAGE_SIZE).param("offset", filter.offset()).query(Accounts::row).list();
	}

	long count(DataScope scope, UserFilter filter) {
		return bind(jdbc.sql("select count(*) from app_user u join published_region r on r.code = u.region_code " + IN_SCOPE),
				scope, filter).query(Long.class).single();
	}

	/** Whoever it is, wherever they are: the caller checks the scope. */
	Optional<Account> byId(long id) {
		return jdbc.sql(SELECT + " where u.id = :id").param("id", id).query(Accounts::row).optional();
	}

	boolean usernameTaken(String username) {
		return jdbc.sql("select exists (select 1 from app_user where username = :username)")
				.param("username", username).query(Boolean.class).single();
	}

	long create(String username, String displayName, String passwordHash, String regionCode, Instant now) {
		return jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code, password_changed_at, created_at)
				values (:username, :name, :hash, :region, :now, :now) returning id""")
				.param("username", username).param("name", displayName).param("hash", passwordHash)
				.param("region", regionCode).param("now", Timestamp.from(now)).query(Long.class).single();
	}

	void update(long id, String displayName, String regionCode, boolean enabled) {
		jdbc.sql("update app_user set display_name = :name, region_code = :region, enabled = :enabled where id = :id")
				.param("name", displayName).param("region", regionCode).param("enabled", enabled).param("id", id)
				.update();
	}

	void replaceRoles(long id, Collection<String> roles) {
		jdbc.sql("delete from user_role where user_id = :id").param("id", id).update();
		for (String role : roles) {
			jdbc.sql("insert into user_role (user_id, role) values (:id, :role)").param("id", id).param("role", role)
					.update();
		}
	}

	void changePassword(long id, String passwordHash, Instant now) {
		jdbc.sql("update app_user set password_hash = :hash, password_changed_at = :now where id = :id")
				.param("hash", passwordHash).param("now", Timestamp.from(now)).param("id", id).update();
	}

	Optional<String> passwordHash(long id) {
		return jdbc.sql("select password_hash from app_user where id = :id").param("id", id).query(String.class)
				.optional();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, DataScope scope, UserFilter filter) {
		String pattern = "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return sql.param("lower", scope.lower()).param("upper", scope.upper()).param("text", filter.text())
				.param("pattern", pattern).param("role", filter.role());
	}

	private static Account row(ResultSet rs, int i) throws SQLException {
		String roles = rs.getString("roles");
		return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
				rs.getString("region_code"), rs.getString("region_name"), rs.getString("path"),
				rs.getBoolean("enabled"), roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")),
				rs.getTimestamp("password_changed_at").toInstant(), rs.getTimestamp("created_at").toInstant());
	}
}
