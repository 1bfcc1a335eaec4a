package org.wenming.account.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.shared.DataScope;

/** The security audit (安全审计日志): append, browse within scope, count recent login failures, purge. */
@Repository
class SecurityEvents {

	/** Failures that count towards a lock: wrong passwords, not refusals of an already locked name. */
	static final String BAD_CREDENTIALS = "BAD_CREDENTIALS";

	private static final RowMapper<SecurityEvent> ROW = (rs, i) -> new SecurityEvent(rs.getLong("id"),
			rs.getTimestamp("occurred_at").toInstant(), SecurityEventType.valueOf(rs.getString("type")),
			(Long) rs.getObject("actor_user_id"), rs.getString("actor_username"), rs.getString("actor_region_path"),
			(Long) rs.getObject("target_user_id"), rs.getString("target_username"), rs.getString("ip"),
			rs.getString("outcome"), rs.getString("detail"));

	/**
	 * Events of actors inside the scope. Events without an actor region (unknown usernames, the
	 * system administrator) are visible only to a scope that covers everything.
	 */
	private static final String WHERE = """
			where ((actor_region_path >= :lower and actor_region_path < :upper)
			       or (:everything and actor_region_path is null))
			  and (:type = '' or type = :type)
			  and (:username = '' or actor_username = :username or target_username = :username)
			  and occurred_at >= :from and occurred_at < :to""";

	private final JdbcClient jdbc;

	private final Clock clock;

	SecurityEvents(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	void record(SecurityEvent event) {
		jdbc.sql("""
				insert into security_event (occurred_at, type, actor_user_id, actor_username, actor_region_path,
				    target_user_id, target_username, ip, outcome, detail)
				values (:at, :type, :actorId, :actor, :actorPath, :targetId, :target, :ip, :outcome, :detail)""")
				.param("at", Timestamp.from(clock.instant())).param("type", event.type().name())
				.param("actorId", event.actorUserId()).param("actor", event.actorUsername())
				.param("actorPath", event.actorRegionPath()).param("targetId", event.targetUserId())
				.param("target", event.targetUsername()).param("ip", event.ip()).param("outcome", event.outcome())
				.param("detail", event.detail()).update();
	}

	/** Wrong passwords typed for this username since the given instant. */
	int failuresSince(String username, Instant since) {
		return jdbc.sql("""
				select count(*) from security_event
				where type = 'LOGIN_FAILURE' and actor_username = :username and outcome = :outcome
				  and occurred_at > :since""")
				.param("username", username).param("outcome", BAD_CREDENTIALS).param("since", Timestamp.from(since))
				.query(Integer.class).single();
	}

	List<SecurityEvent> find(DataScope scope, AuditFilter filter, int offset, int limit) {
		return bind(jdbc.sql("select * from security_event " + WHERE + " order by occurred_at desc, id desc"
				+ " limit :limit offset :offset"), scope, filter)
				.param("limit", limit).param("offset", offset).query(ROW).list();
	}

	long count(DataScope scope, AuditFilter filter) {
		return bind(jdbc.sql("select count(*) from security_event " + WHERE), scope, filter).query(Long.class).single();
	}

	/** Deletes events older than the given instant; returns how many went. */
	/** Deletes at most {@code limit} of the oldest events before {@code cutoff}. */
	int purgeBefore(Instant cutoff, int limit) {
		return jdbc.sql("""
				delete from security_event where id in (
				    select id from security_event where occurred_at < :cutoff order by occurred_at limit :limit)""")
				.param("cutoff", Timestamp.from(cutoff)).param("limit", limit).update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, DataScope scope, AuditFilter filter) {
		return sql.param("lower", scope.lower()).param("upper", scope.upper())
				.param("everything", scope.isEverything())
				.param("type", filter.type()).param("username", filter.username())
				.param("from", Timestamp.from(filter.from())).param("to", Timestamp.from(filter.to()));
	}
}
