package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hot queries' plans on the partitioned tables (and the big tables left whole), on the real
 * database filled with eight years of rows (2019-2026: 16,000 shifts, 128,000 sign-ups, 96,000
 * attendances, 120,000 day totals and service records, 30,000 cases with 150,000 events) and
 * analyzed: each reads through an index, never a sequential scan of a partition, and a query bounded in
 * time reads only its year's partition. The rows go in with foreign-key triggers off (the plans do not
 * depend on the referenced rows) inside one transaction that is rolled back, so no other test sees them.
 * The queries are the application's own, with realistic parameters.
 */
@WenmingTest
class PartitionPlanTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Ids far above anything the other tests make. */
	private static final long SHIFT = 900_000_000L;

	private static final long VOLUNTEER = 900_000_000L;

	private static final long CASE = 900_000_000L;

	private static final Set<String> BIG = Set.of("signup", "attendance", "volunteer_day_hours", "case_event",
			"service_record", "rectification_case", "shift");

	/** A partition with fewer rows is read whole more cheaply than through an index (the empty years). */
	private static final double SMALL = 1_000;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void hotQueriesReadThroughIndexesAndTimeBoundedOnesOnlyTheirYear() {
		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			fill();
			Map<String, String> parents = parents();
			Map<String, Double> rows = rows();

			// check-in: the volunteer's standing for a shift (attendance and the confirmed sign-up)
			long shift = SHIFT + 12_345;
			long volunteer = VOLUNTEER + (12_345 * 8 + 3) % 40_000;
			Plan standing = plan("""
					select att.checked_in_at, att.checked_out_at,
					    exists (select 1 from signup su where su.shift_id = :shift and su.volunteer_id = :v
					            and su.status = 'CONFIRMED') as signed_up
					from shift s left join attendance att on att.shift_id = s.id and att.volunteer_id = :v
					where s.id = :shift""", Map.of("shift", shift, "v", volunteer), parents, rows);
			standing.readsByIndexOnly();
			assertThat(standing.tables()).contains("signup", "attendance");

			// sign-up: the pending count of a shift, its roster for the organizer, the attendance sheet
			plan("select count(*) from signup where shift_id = :s and status = 'PENDING'", Map.of("s", shift), parents, rows)
				.readsByIndexOnly();
			plan("""
					select s.id, s.status from signup s where s.shift_id = :shift
					order by case s.status when 'PENDING' then 0 when 'CONFIRMED' then 1 when 'WAITLISTED' then 2 else 3 end,
					    s.queued_at, s.id
					limit :limit""", Map.of("shift", shift, "limit", 200), parents, rows).readsByIndexOnly();
			plan("select a.* from attendance a where a.shift_id = :id order by a.id", Map.of("id", shift), parents, rows)
				.readsByIndexOnly();
			plan("select * from signup where id = :id", Map.of("id", 4242L), parents, rows).readsByIndexOnly();

			// ledger: the daily cap's day totals (bounded by days: one year's partition)
			Plan dayTotals = plan("select volunteer_id, day, hours from volunteer_day_hours where volunteer_id in (:v) and day in (:d)",
					Map.of("v", List.of(volunteer, volunteer + 1), "d", List.of(Date.valueOf("2024-05-04"))), parents, rows);
			dayTotals.readsByIndexOnly();
			assertThat(dayTotals.partitions("volunteer_day_hours")).containsExactly("volunteer_day_hours_2024");
			// a volunteer's days of one year
			Plan yearDays = plan("select sum(hours) from volunteer_day_hours where volunteer_id = :v and day >= :from and day < :to",
					Map.of("v", volunteer, "from", Date.valueOf("2023-01-01"), "to", Date.valueOf("2024-01-01")), parents, rows);
			yearDays.readsByIndexOnly();
			assertThat(yearDays.partitions("volunteer_day_hours")).containsExactly("volunteer_day_hours_2023");

			// ledger: a volunteer's records, their hours, the certificate's records of a period
			plan("""
					select r.seq, r.started_at, r.hours from service_record r where r.volunteer_id = :v
					order by r.started_at desc, r.seq desc limit :limit""", Map.of("v", volunteer, "limit", 50), parents, rows)
				.readsByIndexOnly();
			plan("select hours, records from volunteer_hours where volunteer_id = :v", Map.of("v", volunteer), parents, rows)
				.readsByIndexOnly();
			plan("""
					select coalesce(o.activity_type, r.activity_type) as activity_type, sum(r.hours) as hours,
					       count(*) filter (where r.kind <> 'CORRECTION') as records
					from service_record r left join service_record o on o.seq = r.corrects_seq
					where r.volunteer_id = :volunteer and r.seq <= :seq
					  and coalesce(o.started_at, r.started_at) >= :from and coalesce(o.started_at, r.started_at) < :until
					group by 1 order by 1""", Map.of("volunteer", volunteer, "seq", Long.MAX_VALUE,
					"from", ts("2022-01-01T00:00:00+08:00"), "until", ts("2025-01-01T00:00:00+08:00")), parents, rows)
				.readsByIndexOnly();

			// casework: a case's events, its progress for the citizen; events of a period (one year's partition)
			long aCase = CASE + 7_777;
			plan("select * from case_event where case_id = :id order by id", Map.of("id", aCase), parents, rows).readsByIndexOnly();
			plan("""
					select kind, to_status, occurred_at from case_event
					where case_id = :case and (to_status is not null or kind = 'RATED') order by occurred_at, id""",
					Map.of("case", aCase), parents, rows).readsByIndexOnly();
			Plan periodEvents = plan("""
					select e.kind, count(*) from case_event e
					where e.case_id = :case and e.occurred_at >= :from and e.occurred_at < :to group by 1""",
					Map.of("case", aCase, "from", ts("2025-01-01T00:00:00+08:00"), "to", ts("2025-07-01T00:00:00+08:00")), parents, rows);
			periodEvents.readsByIndexOnly();
			assertThat(periodEvents.partitions("case_event")).containsExactly("case_event_2025");

			// casework: the overdue cases by deadline (escalation), a queue by status and deadline
			plan("""
					select id from rectification_case where status in ('DISPATCHED', 'IN_PROGRESS') and due_at < :now
					order by due_at limit 500""", Map.of("now", ts("2026-06-01T00:00:00+08:00")), parents, rows).readsByIndexOnly();
			plan("""
					select id from rectification_case where status = :status and due_at < :now
					order by due_at, id limit 20""", Map.of("status", "DISPATCHED", "now", ts("2026-06-01T00:00:00+08:00")),
					parents, rows).readsByIndexOnly();
		});
	}

	/** Eight years of rows, spread evenly; foreign keys off for this transaction only. */
	private void fill() {
		jdbc.sql("set local session_replication_role = replica").update();
		jdbc.sql("""
				insert into shift (id, activity_id, starts_at, ends_at, capacity)
				select :base + g, 1, s, s + interval '3 hours', 20
				from generate_series(0, 15999) g,
				     lateral (select timestamptz '2019-01-01 09:00+08' + (g * 2922 / 16000) * interval '1 day' as s) t""")
			.param("base", SHIFT).update();
		jdbc.sql("""
				insert into signup (shift_id, volunteer_id, status, signed_up_at, shift_day)
				select s.id, :v + (s.id - :base) * 8 % 40000 + k, case when k < 6 then 'CONFIRMED' when k = 6 then 'PENDING'
				    else 'WAITLISTED' end, s.starts_at - interval '2 days', s.starts_on
				from shift s, generate_series(0, 7) k where s.id >= :base""")
			.param("v", VOLUNTEER).param("base", SHIFT).update();
		jdbc.sql("""
				insert into attendance (shift_id, volunteer_id, checked_in_at, check_in_method, check_in_by,
				    checked_out_at, check_out_method, check_out_by, shift_day)
				select s.id, :v + (s.id - :base) * 8 % 40000 + k, s.starts_at, 'QR', 'v', s.ends_at, 'QR', 'v', s.starts_on
				from shift s, generate_series(0, 5) k where s.id >= :base""")
			.param("v", VOLUNTEER).param("base", SHIFT).update();
		jdbc.sql("""
				insert into volunteer_day_hours (volunteer_id, day, hours)
				select :v + g % 40000, date '2019-01-01' + (g * 2922 / 120000), 3.0 from generate_series(0, 119999) g""")
			.param("v", VOLUNTEER).update();
		jdbc.sql("""
				insert into service_record (seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title,
				    started_at, ended_at, hours, organization_kind, organization_id, organization_name, region_path,
				    recorded_by, confirmed_by, recorded_at, prev_hash, hash)
				select h.last_seq + 1 + g, 'SERVICE', :v + g % 40000, 1, :base + g / 8, 'SERVICE', '测试', t, t + interval '3 hours',
				    3.0, 'TEAM', 1, '测试队', '44.4412.441202.', 'test', 'test', t, '\\x00', '\\x00'
				from ledger_head h, generate_series(0, 119999) g,
				     lateral (select timestamptz '2019-01-01 09:00+08' + (g * 2922 / 120000) * interval '1 day' as t) x""")
			.param("v", VOLUNTEER).param("base", SHIFT).update();
		jdbc.sql("""
				insert into rectification_case (id, case_number, source, category_code, status, description, region_code,
				    region_path, reported_at, reported_by, due_at, closed_at)
				select :c + g, 'PLAN' || g, 'PATROL', 'SANITATION',
				    case when g % 50 = 0 then 'DISPATCHED' when g % 50 = 1 then 'IN_PROGRESS' else 'CLOSED' end,
				    '测试', '441202', '44.4412.441202.', t, 'test', t + interval '10 days', t + interval '5 days'
				from generate_series(0, 29999) g,
				     lateral (select timestamptz '2019-01-01 09:00+08' + (g * 2922 / 30000) * interval '1 day' as t) x""")
			.param("c", CASE).update();
		jdbc.sql("""
				insert into case_event (case_id, kind, from_status, to_status, actor, occurred_at)
				select c.id, 'STEP', null, 'REGISTERED', 'test', c.reported_at + k * interval '1 day'
				from rectification_case c, generate_series(0, 4) k where c.id >= :c""")
			.param("c", CASE).update();
		jdbc.sql("analyze shift, signup, attendance, volunteer_day_hours, service_record, rectification_case, case_event")
			.update();
	}

	/** Each partition's table. */
	private Map<String, String> parents() {
		Map<String, String> parents = new HashMap<>();
		jdbc.sql("""
				select c.relname, p.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
				join pg_class p on p.oid = i.inhparent""")
			.query((rs, n) -> parents.put(rs.getString(1), rs.getString(2))).list();
		return parents;
	}

	/** Each table's and partition's rows as the analyze counted them. */
	private Map<String, Double> rows() {
		Map<String, Double> rows = new HashMap<>();
		jdbc.sql("select relname, reltuples from pg_class where relkind in ('r', 'p')")
			.query((rs, n) -> rows.put(rs.getString(1), rs.getDouble(2))).list();
		return rows;
	}

	private Plan plan(String sql, Map<String, ?> params, Map<String, String> parents, Map<String, Double> rows) {
		String json = jdbc.sql("explain (format json) " + sql).params(params).query(String.class).single();
		List<JsonNode> scans = new ArrayList<>();
		collect(JSON.readTree(json).get(0).get("Plan"), scans);
		return new Plan(sql, scans, parents, rows);
	}

	private static void collect(JsonNode node, List<JsonNode> scans) {
		if (node.has("Relation Name")) {
			scans.add(node);
		}
		if (node.has("Plans")) {
			node.get("Plans").forEach(child -> collect(child, scans));
		}
	}

	private static Timestamp ts(String time) {
		return Timestamp.from(java.time.OffsetDateTime.parse(time).toInstant());
	}

	private record Plan(String sql, List<JsonNode> scans, Map<String, String> parents, Map<String, Double> rows) {

		private String table(String relation) {
			return parents.getOrDefault(relation, relation);
		}

		Set<String> tables() {
			Set<String> tables = new TreeSet<>();
			scans.forEach(s -> tables.add(table(s.get("Relation Name").asString())));
			return tables;
		}

		/** No sequential scan of a big table or of any partition of one that holds rows. */
		void readsByIndexOnly() {
			List<String> seqScans = scans.stream()
				.filter(s -> "Seq Scan".equals(s.get("Node Type").asString()))
				.map(s -> s.get("Relation Name").asString())
				.filter(r -> BIG.contains(table(r)) && rows.getOrDefault(r, 0.0) >= SMALL)
				.toList();
			assertThat(seqScans).as("sequential scans in the plan of %s", sql).isEmpty();
			assertThat(scans).as("scans in the plan of %s", sql).isNotEmpty();
		}

		Set<String> partitions(String table) {
			Set<String> partitions = new TreeSet<>();
			scans.stream().map(s -> s.get("Relation Name").asString())
				.filter(r -> table.equals(parents.get(r)))
				.forEach(partitions::add);
			return partitions;
		}
	}

}
