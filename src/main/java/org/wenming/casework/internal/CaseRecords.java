package org.wenming.casework.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseStatusChanged;
import org.wenming.casework.statistics.StatisticsCells;
import org.wenming.shared.CityTime;

import tools.jackson.databind.json.JsonMapper;

/**
 * The cases as the workflow loads and saves them: a save writes the changed state only if nobody
 * saved the case since it was loaded (its {@code version}), adds the history rows and publishes
 * {@link CaseStatusChanged} for a change of status, all in the caller's transaction.
 */
@Repository
public class CaseRecords {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final StatisticsCells cells;

	CaseRecords(JdbcClient jdbc, ApplicationEventPublisher events, StatisticsCells cells) {
		this.jdbc = jdbc;
		this.events = events;
		this.cells = cells;
	}

	/** The case, its row locked until the transaction ends so that its rules are checked on what is saved. */
	Optional<RectificationCase> lock(long id) {
		return jdbc.sql("select * from rectification_case where id = :id for update").param("id", id)
				.query((rs, n) -> RectificationCase.of(rs)).optional();
	}

	void save(RectificationCase c) {
		// the statistics cells take the case back as counted now and count it as saved, at commit
		cells.caseChanging(c.id);
		int updated = jdbc.sql("""
				update rectification_case set status = :status, registered_at = :registeredAt, unit_id = :unitId,
				    dispatched_at = :dispatchedAt, due_at = :dueAt, fix_submitted_at = :fixSubmittedAt,
				    fix_submitted_by = :fixSubmittedBy, closed_at = :closedAt, closed_on_time = :closedOnTime,
				    rework_count = :reworkCount, escalation_level = :escalationLevel,
				    status_before_suspension = :before, suspended_at = :suspendedAt, merged_into_id = :mergedInto,
				    updated_at = :now, version = version + 1
				where id = :id and version = :version""")
				.param("status", c.status.name()).param("registeredAt", ts(c.registeredAt)).param("unitId", c.unitId)
				.param("dispatchedAt", ts(c.dispatchedAt)).param("dueAt", ts(c.dueAt))
				.param("fixSubmittedAt", ts(c.fixSubmittedAt)).param("fixSubmittedBy", c.fixSubmittedBy)
				.param("closedAt", ts(c.closedAt)).param("closedOnTime", c.closedOnTime)
				.param("reworkCount", c.reworkCount).param("escalationLevel", c.escalationLevel)
				.param("before", c.statusBeforeSuspension == null ? null : c.statusBeforeSuspension.name())
				.param("suspendedAt", ts(c.suspendedAt)).param("mergedInto", c.mergedIntoId)
				.param("now", ts(c.now)).param("id", c.id).param("version", c.version).update();
		if (updated != 1) {
			throw CaseRefusedException.conflict("casework.stale");
		}
		for (RectificationCase.Entry e : c.entries()) {
			jdbc.sql("""
					insert into case_event (case_id, kind, from_status, to_status, actor, reason, detail, occurred_at)
					values (:id, :kind, :from, :to, :actor, :reason, cast(:detail as jsonb), :at)""")
					.param("id", c.id).param("kind", e.kind()).param("from", e.from() == null ? null : e.from().name())
					.param("to", e.to() == null ? null : e.to().name()).param("actor", e.actor())
					.param("reason", e.reason()).param("detail", JSON.writeValueAsString(e.detail()))
					.param("at", ts(c.now)).update();
		}
		if (c.statusChanged()) {
			CaseStatus from = c.statusAtLoad();
			OffsetDateTime at = c.now.atZone(CityTime.ZONE).toOffsetDateTime();
			events.publishEvent(new CaseStatusChanged(c.id, c.categoryCode, c.regionPath, c.unitId, from, c.status, at,
					c.status == CaseStatus.CLOSED ? c.closedOnTime : null));
		}
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
