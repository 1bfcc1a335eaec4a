package org.wenming.insight.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.wenming.activity.ActivityHeld;
import org.wenming.activity.ActivityType;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseStatusChanged;
import org.wenming.insight.Metric;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.ServiceRecordsAppended;
import org.wenming.shared.CityTime;
import org.wenming.volunteer.VolunteerWithdrawn;
import org.wenming.volunteer.VolunteersRegistered;
import org.wenming.volunteer.team.TeamCounted;

/**
 * Keeps the aggregates up to date as the facts arrive. Each listener runs after the fact's
 * transaction commits, in a transaction of its own (the event publication registry keeps an event
 * until its listener completes, and delivers it again after a crash). Every fact has a key, recorded
 * in {@code insight_applied_event} in the same transaction as its counts, so a second delivery
 * counts nothing; a case's counts follow its last known state instead (see {@link #on(CaseStatusChanged)}).
 */
@Component
class AggregateListeners {

	/** Namespace of the advisory locks that serialize one case's changes here. */
	private static final int CASE_LOCK = 7_406;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	AggregateListeners(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Records the fact's key; false when it was applied before (a redelivery). */
	private boolean firstDelivery(String key) {
		return jdbc.sql("insert into insight_applied_event (event_key) values (:key) on conflict do nothing")
			.param("key", key).update() == 1;
	}

	@ApplicationModuleListener
	void on(VolunteersRegistered event) {
		if (!firstDelivery("registered:" + event.key())) {
			return;
		}
		CellDeltas deltas = new CellDeltas();
		LocalDate month = Months.of(event.registeredAt());
		event.regions().forEach(r -> deltas.add(Metric.VOLUNTEERS_REGISTERED, r.regionPath(), month, "", r.count()));
		deltas.write(template);
	}

	@ApplicationModuleListener
	void on(VolunteerWithdrawn event) {
		if (!firstDelivery("withdrawn:" + event.volunteerId())) {
			return;
		}
		new CellDeltas().add(Metric.VOLUNTEERS_WITHDRAWN, event.regionPath(), Months.of(event.withdrawnAt()), "", 1)
			.write(template);
	}

	@ApplicationModuleListener
	void on(TeamCounted event) {
		if (!firstDelivery("team:" + event.teamId() + ":" + event.version())) {
			return;
		}
		CellDeltas deltas = new CellDeltas();
		LocalDate month = Months.of(event.foundedAt());
		if (event.before() != null && event.before().active()) {
			deltas.add(Metric.TEAMS, event.regionPath(), month, teamDim(event.level().name(), event.before().type().name()), -1);
		}
		if (event.after().active()) {
			deltas.add(Metric.TEAMS, event.regionPath(), month, teamDim(event.level().name(), event.after().type().name()), 1);
		}
		deltas.write(template);
	}

	static String teamDim(String level, String type) {
		return level + "/" + type;
	}

	@ApplicationModuleListener
	void on(ActivityHeld event) {
		if (!firstDelivery("activity:" + event.activityId())) {
			return;
		}
		LocalDate month = Months.of(event.startsAt());
		CellDeltas deltas = new CellDeltas().add(Metric.ACTIVITIES, event.regionPath(), month, event.type().name(), 1);
		if (event.type() == ActivityType.LECTURE && event.lectureSetting() != null) {
			String setting = event.lectureSetting().name();
			deltas.add(Metric.LECTURES, event.regionPath(), month, setting, 1);
			deltas.add(Metric.LECTURE_AUDIENCE, event.regionPath(), month, setting,
					event.audienceCount() == null ? 0 : event.audienceCount());
		}
		deltas.write(template);
		if (event.organizerSiteId() != null) {
			addToSite(event.organizerSiteId(), month, Metric.ACTIVITIES, BigDecimal.ONE);
		}
	}

	@ApplicationModuleListener
	void on(ServiceRecordsAppended event) {
		if (event.records().isEmpty() || !firstDelivery("ledger:" + event.firstSeq())) {
			return;
		}
		CellDeltas deltas = new CellDeltas();
		Map<String, BigDecimal> teams = new TreeMap<>();
		Map<String, String> teamPaths = new TreeMap<>();
		Map<String, BigDecimal> volunteers = new TreeMap<>();
		Map<String, BigDecimal> sites = new TreeMap<>();
		for (ServiceRecordsAppended.Entry r : event.records()) {
			LocalDate month = Months.of(r.startedAt());
			int year = r.startedAt().atZoneSameInstant(CityTime.ZONE).getYear();
			deltas.add(Metric.SERVICE_HOURS, r.regionPath(), month, r.activityType(), r.hours());
			if (r.kind() != RecordKind.CORRECTION) {
				deltas.add(Metric.SERVICE_RECORDS, r.regionPath(), month, r.activityType(), 1);
			}
			if ("TEAM".equals(r.organizationKind())) {
				String key = String.format("%019d:%d", r.organizationId(), year);
				teams.merge(key, r.hours(), BigDecimal::add);
				teamPaths.putIfAbsent(key, r.regionPath());
			}
			volunteers.merge(String.format("%019d:%d", r.volunteerId(), year), r.hours(), BigDecimal::add);
			if ("SITE".equals(r.organizationKind())) {
				sites.merge(String.format("%019d:%s", r.organizationId(), month), r.hours(), BigDecimal::add);
			}
		}
		deltas.write(template);
		// in key order (the maps are sorted), so concurrent batches lock rows in the same order
		teams.forEach((key, hours) -> jdbc.sql("""
				insert into insight_team_hours (team_id, year, region_path, hours) values (:team, :year, :path, :hours)
				on conflict (team_id, year) do update set hours = insight_team_hours.hours + excluded.hours""")
			.param("team", Long.parseLong(key.substring(0, 19))).param("year", Integer.parseInt(key.substring(20)))
			.param("path", teamPaths.get(key)).param("hours", hours).update());
		volunteers.forEach((key, hours) -> jdbc.sql("""
				insert into insight_volunteer_hours (volunteer_id, year, hours) values (:volunteer, :year, :hours)
				on conflict (volunteer_id, year) do update set hours = insight_volunteer_hours.hours + excluded.hours""")
			.param("volunteer", Long.parseLong(key.substring(0, 19))).param("year", Integer.parseInt(key.substring(20)))
			.param("hours", hours).update());
		sites.forEach((key, hours) -> addToSite(Long.parseLong(key.substring(0, 19)), LocalDate.parse(key.substring(20)),
				Metric.SERVICE_HOURS, hours));
	}

	private void addToSite(long siteId, LocalDate month, Metric metric, BigDecimal value) {
		jdbc.sql("""
				insert into insight_site_cell (site_id, month, metric, value) values (:site, :month, :metric, :value)
				on conflict (site_id, month, metric) do update set value = insight_site_cell.value + excluded.value""")
			.param("site", siteId).param("month", month).param("metric", metric.name()).param("value", value).update();
	}

	/**
	 * A case's counts follow its state: what it counted as last (kept per case) is taken away and
	 * what it counts as now is added. A delivery not newer than the state last applied changes
	 * nothing, so a redelivery, or an old change arriving after a newer one, is harmless.
	 */
	@ApplicationModuleListener
	void on(CaseStatusChanged event) {
		jdbc.sql("select pg_advisory_xact_lock(:ns, cast(:id % 2147483647 as int))").param("ns", CASE_LOCK)
			.param("id", event.caseId()).query((rs, n) -> 1).list();
		Optional<CaseState> before = jdbc.sql("""
				select category_code, region_path, reported_month, found, closed, closed_on_time, changed_at
				from insight_case_state where case_id = :id""").param("id", event.caseId())
			.query((rs, n) -> new CaseState(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
					rs.getBoolean(4), rs.getBoolean(5), rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class)))
			.optional();
		// as stored (timestamptz keeps microseconds), so a redelivery compares equal
		OffsetDateTime at = event.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		if (before.isPresent() && !at.isAfter(before.get().changedAt())) {
			return;
		}
		LocalDate reported = before.map(CaseState::reportedMonth).orElseGet(() -> event.from() == null
				? Months.of(event.at())
				: Months.of(jdbc.sql("select reported_at from published_rectification_case where id = :id")
					.param("id", event.caseId()).query(OffsetDateTime.class).single()));
		CaseState after = new CaseState(event.categoryCode(), event.regionPath(), reported, found(event.to()),
				event.to() == CaseStatus.CLOSED, event.to() == CaseStatus.CLOSED && Boolean.TRUE.equals(event.closedOnTime()),
				at);
		CellDeltas deltas = new CellDeltas();
		before.ifPresent(b -> b.count(deltas, -1));
		after.count(deltas, 1);
		deltas.write(template);
		jdbc.sql("""
				insert into insight_case_state (case_id, category_code, region_path, reported_month, found, closed,
				    closed_on_time, changed_at)
				values (:id, :category, :path, :month, :found, :closed, :onTime, :at)
				on conflict (case_id) do update set category_code = excluded.category_code,
				    region_path = excluded.region_path, reported_month = excluded.reported_month, found = excluded.found,
				    closed = excluded.closed, closed_on_time = excluded.closed_on_time, changed_at = excluded.changed_at""")
			.param("id", event.caseId()).param("category", after.category()).param("path", after.regionPath())
			.param("month", after.reportedMonth()).param("found", after.found()).param("closed", after.closed())
			.param("onTime", after.closedOnTime()).param("at", after.changedAt()).update();
	}

	/** Found (发现): reported, and neither rejected as no problem nor merged into another case. */
	static boolean found(CaseStatus status) {
		return status != CaseStatus.REJECTED && status != CaseStatus.MERGED;
	}

	record CaseState(String category, String regionPath, LocalDate reportedMonth, boolean found, boolean closed,
			boolean closedOnTime, OffsetDateTime changedAt) {

		void count(CellDeltas deltas, int sign) {
			deltas.add(Metric.CASES_FOUND, regionPath, reportedMonth, category, found ? sign : 0);
			deltas.add(Metric.CASES_CLOSED, regionPath, reportedMonth, category, found && closed ? sign : 0);
			deltas.add(Metric.CASES_CLOSED_ON_TIME, regionPath, reportedMonth, category,
					found && closed && closedOnTime ? sign : 0);
		}
	}
}
