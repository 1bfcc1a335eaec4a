package org.wenming.notification.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.volunteer.ContactSeal.SealedContact;

/** The {@code notification_outbox} table. */
@Repository
public class Outbox {

	/** The column name the mobile's ciphertext is bound to. */
	public static final String RECIPIENT_COLUMN = "notification_outbox.recipient";

	public static final int MAX_ERROR = 500;

	public enum Status {
		PENDING, SENT, FAILED
	}

	/** A row as the administrators' page shows it: never the number, only its mask. */
	public record Row(long id, String topic, String maskedMobile, String templateCode, Status status, int attempts,
			Instant createdAt, Instant nextAttemptAt, String lastError, Instant sentAt, String node) {
	}

	/** A claimed row, its mobile still sealed. */
	public record Claimed(long id, String topic, SealedContact recipient, String templateCode, String parameters,
			String text, Instant createdAt, int attempt) {
	}

	private final JdbcClient jdbc;

	public Outbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(String topic, SealedContact recipient, String templateCode, String parametersJson, String text,
			Instant now) {
		return jdbc.sql("""
				insert into notification_outbox (topic, recipient_cipher, recipient_masked, recipient_key_id, template_code,
				    parameters, text, created_at, next_attempt_at)
				values (:topic, :cipher, :masked, :keyId, :template, cast(:parameters as jsonb), :text, :now, :now)
				returning id""")
			.param("topic", topic).param("cipher", recipient.cipher()).param("masked", recipient.masked())
			.param("keyId", recipient.keyId()).param("template", templateCode).param("parameters", parametersJson)
			.param("text", text).param("now", Timestamp.from(now)).query(Long.class).single();
	}

	/**
	 * Claims up to {@code limit} due rows for this node: each counts an attempt and is leased until
	 * {@code leaseUntil} (its next attempt moves there), so another node skips it while this one delivers and
	 * takes it up after the lease should this node die. Rows another claim holds locked are skipped.
	 */
	public List<Claimed> claim(Instant now, Instant leaseUntil, int limit, String node) {
		return jdbc.sql("""
				update notification_outbox o set attempts = o.attempts + 1, next_attempt_at = :lease, node = :node
				where o.id in (select id from notification_outbox
				               where status = 'PENDING' and next_attempt_at <= :now
				               order by next_attempt_at, id limit :limit for update skip locked)
				returning o.id, o.topic, o.recipient_cipher, o.recipient_masked, o.recipient_key_id, o.template_code,
				    o.parameters::text as parameters, o.text, o.created_at, o.attempts""")
			.param("now", Timestamp.from(now)).param("lease", Timestamp.from(leaseUntil)).param("limit", limit)
			.param("node", node)
			.query((rs, n) -> new Claimed(rs.getLong("id"), rs.getString("topic"),
					new SealedContact(rs.getBytes("recipient_cipher"), rs.getString("recipient_masked"),
							rs.getString("recipient_key_id")),
					rs.getString("template_code"), rs.getString("parameters"), rs.getString("text"),
					rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts")))
			.list();
	}

	/** Sent; whoever delivered it, it is delivered. */
	boolean markSent(long id, Instant now) {
		return jdbc.sql("update notification_outbox set status = 'SENT', sent_at = :now, next_attempt_at = :now "
				+ "where id = :id and status = 'PENDING'").param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	/** A failed attempt, recorded only while the row is still this attempt's (its lease not taken over). */
	boolean markFailed(long id, int attempt, String node, Instant next, boolean giveUp, String error) {
		return jdbc.sql("""
				update notification_outbox set status = :status, next_attempt_at = :next, last_error = :error
				where id = :id and status = 'PENDING' and attempts = :attempt and node = :node""")
			.param("status", giveUp ? "FAILED" : "PENDING").param("next", Timestamp.from(next))
			.param("error", error).param("id", id).param("attempt", attempt).param("node", node).update() == 1;
	}

	/** "Retry now": a FAILED row back to PENDING with a fresh count of attempts. */
	public boolean retry(long id, Instant now) {
		return jdbc.sql("""
				update notification_outbox set status = 'PENDING', attempts = 0, next_attempt_at = :now
				where id = :id and status = 'FAILED'""").param("id", id).param("now", Timestamp.from(now)).update() == 1;
	}

	public List<Row> recent(Status status, int limit) {
		return jdbc.sql("""
				select id, topic, recipient_masked, template_code, status, attempts, created_at, next_attempt_at,
				    last_error, sent_at, node
				from notification_outbox where (cast(:status as varchar) is null or status = :status)
				order by created_at desc, id desc limit :limit""")
			.param("status", status == null ? null : status.name()).param("limit", limit).query(Outbox::row).list();
	}

	public Optional<Row> find(long id) {
		return jdbc.sql("""
				select id, topic, recipient_masked, template_code, status, attempts, created_at, next_attempt_at,
				    last_error, sent_at, node
				from notification_outbox where id = :id""").param("id", id).query(Outbox::row).optional();
	}

	int purgeSent(Instant before, int limit) {
		return jdbc.sql("""
				delete from notification_outbox where id in (
				    select id from notification_outbox where status = 'SENT' and sent_at < :before
				    order by sent_at limit :limit)""")
			.param("before", Timestamp.from(before)).param("limit", limit).update();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Timestamp sent = rs.getTimestamp("sent_at");
		return new Row(rs.getLong("id"), rs.getString("topic"), rs.getString("recipient_masked"),
				rs.getString("template_code"), Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("next_attempt_at").toInstant(),
				rs.getString("last_error"), sent == null ? null : sent.toInstant(), rs.getString("node"));
	}
}
