package org.wenming.casework.statistics;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.shared.CityTime;

/**
 * Cases for the statistics tests: reported through {@link Cases#report}, then moved to the state a
 * test needs with plain SQL (the workflow is another part). Times are given in Shanghai time. A case
 * placed is counted in the statistics cells the way the workflow's saves count it; after plain SQL
 * of their own (bulk inserts, updates) tests call {@link #rebuild()}.
 */
final class StatisticsFixtures {

	private static final AtomicInteger UNITS = new AtomicInteger();

	private final Cases cases;

	private final JdbcClient jdbc;

	private final StatisticsCells cells;

	private final TransactionTemplate transactions;

	StatisticsFixtures(Cases cases, JdbcClient jdbc, StatisticsCells cells, TransactionTemplate transactions) {
		this.cases = cases;
		this.jdbc = jdbc;
		this.cells = cells;
		this.transactions = transactions;
	}

	/** The cells recounted after cases written with plain SQL. */
	void rebuild() {
		cells.rebuild();
	}

	/** A responsible unit of its own, so that a test's figures are its own whatever else the database holds. */
	long unit(String name, String regionCode) {
		String unique = name + "-" + UNITS.incrementAndGet() + "-" + System.nanoTime() % 100000;
		return jdbc.sql("""
				insert into responsible_unit (name, kind, region_code, region_path, updated_by)
				select :name, 'BUREAU', code, path, 'test' from region where code = :region returning id""")
			.param("name", unique).param("region", regionCode).query(Long.class).single();
	}

	String unitName(long id) {
		return jdbc.sql("select name from responsible_unit where id = :id").param("id", id).query(String.class).single();
	}

	static OffsetDateTime at(String shanghai) {
		return LocalDateTime.parse(shanghai).atZone(CityTime.ZONE).toOffsetDateTime();
	}

	/** A case as the workflow would have left it; null times stay unset. */
	record Spec(String regionCode, String category, Long unit, String status, String reported, String registered,
			String due, String fixSubmitted, String closed, Boolean closedOnTime, int reworkCount) {

		static Spec reported(String regionCode, Long unit, String reported) {
			return new Spec(regionCode, "OVERHEAD_CABLES", unit, "REPORTED", reported, null, null, null, null, null, 0);
		}

		Spec category(String code) {
			return new Spec(regionCode, code, unit, status, reported, registered, due, fixSubmitted, closed,
					closedOnTime, reworkCount);
		}

		Spec status(String s) {
			return new Spec(regionCode, category, unit, s, reported, registered, due, fixSubmitted, closed,
					closedOnTime, reworkCount);
		}

		/** Registered and dispatched at the report time plus an hour, due at {@code due}. */
		Spec dispatched(String dueAt) {
			return new Spec(regionCode, category, unit, "DISPATCHED", reported, reported, dueAt, fixSubmitted, closed,
					closedOnTime, reworkCount);
		}

		Spec fixSubmitted(String at, int reworks) {
			return new Spec(regionCode, category, unit, "FIX_SUBMITTED", reported, registered, due, at, closed,
					closedOnTime, reworks);
		}

		Spec closed(String at, boolean onTime) {
			return new Spec(regionCode, category, unit, "CLOSED", reported, registered, due,
					fixSubmitted == null ? at : fixSubmitted, at, onTime, reworkCount);
		}
	}

	long place(Spec s) {
		long id = cases.report(new NewCase(CaseSource.PATROL, s.category(), "统计测试问题", null, null, null,
				s.regionCode(), null, null, null, null), "stats-test").id();
		transactions.executeWithoutResult(tx -> {
			cells.caseChanging(id);
			jdbc.sql("""
					update rectification_case set status = :status, reported_at = :reported, registered_at = :registered,
					    unit_id = :unit, dispatched_at = :registered, due_at = :due, fix_submitted_at = :fix,
					    closed_at = :closed, closed_on_time = :onTime, rework_count = :rework
					where id = :id""")
				.param("status", s.status()).param("reported", ts(s.reported())).param("registered", ts(s.registered()))
				.param("unit", s.unit()).param("due", ts(s.due())).param("fix", ts(s.fixSubmitted()))
				.param("closed", ts(s.closed())).param("onTime", s.closedOnTime()).param("rework", s.reworkCount())
				.param("id", id).update();
		});
		return id;
	}

	/**
	 * Many cases at once with {@code generate_series}: {@code count} cases of a category and unit in a
	 * region, reported on {@code day} (Shanghai), {@code closed} of them closed on time the day after.
	 */
	void bulk(int count, int closed, String category, long unit, String regionCode, String day) {
		jdbc.sql("""
				insert into rectification_case (case_number, source, category_code, status, description, region_code,
				    region_path, reported_at, reported_by, registered_at, unit_id, dispatched_at, due_at, fix_submitted_at,
				    closed_at, closed_on_time)
				select 'T-' || :unit || '-' || i, 'PATROL', :category, case when i <= :closed then 'CLOSED' else 'DISPATCHED' end,
				    '批量统计测试', r.code, r.path, :reported, 'stats-test', :reported, :unit, :reported, :due,
				    case when i <= :closed then cast(:closedAt as timestamptz) end,
				    case when i <= :closed then cast(:closedAt as timestamptz) end,
				    case when i <= :closed then true end
				from generate_series(1, :count) i, region r where r.code = :region""")
			.param("unit", unit).param("category", category).param("closed", closed).param("count", count)
			.param("region", regionCode).param("reported", ts(day + "T09:00"))
			.param("due", ts(LocalDateTime.parse(day + "T09:00").plusDays(10).toString()))
			.param("closedAt", ts(LocalDateTime.parse(day + "T09:00").plusDays(1).toString())).update();
		rebuild();
	}

	static Timestamp ts(String shanghai) {
		return shanghai == null ? null : Timestamp.from(at(shanghai).toInstant());
	}
}
