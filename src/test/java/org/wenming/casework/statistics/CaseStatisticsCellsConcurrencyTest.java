package org.wenming.casework.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.internal.CaseWorkflow;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Real threads on the real database: cases of one cell reported and moved at the same moment never
 * lose a count; a case moving into a unit's cell while another moves out of it (opposite directions)
 * neither deadlocks nor loses anything; a rebuild running among workflow steps loses none of them.
 */
@WenmingTest
class CaseStatisticsCellsConcurrencyTest {

	private static final int THREADS = 8;

	@Autowired
	CaseWorkflow workflow;

	@Autowired
	Cases cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	StatisticsCells cells;

	@Autowired
	TransactionTemplate transactions;

	StatisticsFixtures fixtures;

	TestUsers users;

	ScopedUser office;

	@BeforeEach
	void setUp() {
		fixtures = new StatisticsFixtures(cases, jdbc, cells, transactions);
		users = new TestUsers(regions);
		office = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		cells.rebuild(); // other tests write cases with plain SQL
	}

	@Test
	void casesOfOneCellReportedAndDispatchedAtOnceAreAllCounted() throws Exception {
		long unit = fixtures.unit("并发单位", "441202");
		String village = "441202001004";
		// eight reports into the same cells at once
		List<Long> ids = race(THREADS, i -> report(village, "PUBLIC_TOILET"));
		// and the eight registered and dispatched to the same unit at once
		race(THREADS, i -> {
			long id = ids.get(i);
			workflow.register(id, 0, office);
			workflow.dispatch(id, 1, office, unit, null);
			return id;
		});

		assertThat(cells.check()).isEmpty();
		assertThat(jdbc.sql("""
				select found || '/' || registered || '/' || due from case_statistics_cell
				where grain = 'PLACE' and place = '44.4412.441202.441202001.441202001004.'
				  and category_code = 'PUBLIC_TOILET' and unit_id = :unit
				  and bucket = (select cast(min(reported_at) at time zone 'Asia/Shanghai' as date)
				                from rectification_case where unit_id = :unit)""")
			.param("unit", unit).query(String.class).single()).isEqualTo(THREADS + "/" + THREADS + "/0");
		assertThat(jdbc.sql("select coalesce(sum(found), 0) from case_statistics_cell where grain = 'YEAR' and unit_id = 0 and place = '44.4412.441202.441202001.' and category_code = 'PUBLIC_TOILET'")
			.query(Long.class).single()).isEqualTo(jdbc.sql("""
					select count(*) from rectification_case where region_path like '44.4412.441202.441202001.%'
					  and category_code = 'PUBLIC_TOILET' and unit_id is null and status not in ('REJECTED', 'MERGED')""")
				.query(Long.class).single());
	}

	@Test
	void casesCrossingBetweenTwoCellsInOppositeDirectionsDoNotDeadlock() throws Exception {
		long handlerId = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:u, '并发经办人', '{noop}not-used', '441202') returning id""")
			.param("u", "cross-" + UUID.randomUUID().toString().substring(0, 8)).query(Long.class).single();
		jdbc.sql("insert into user_role (user_id, role) values (:id, 'UNIT_HANDLER')").param("id", handlerId).update();
		ScopedUser handler = users.principal(handlerId, "441202", Roles.UNIT_HANDLER);
		ScopedUser cityOffice = users.staffPrincipal("4412", Roles.OFFICE_STAFF);
		long unit = fixtures.unit("交叉单位", "441202");
		jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:u, :h)").param("u", unit)
			.param("h", handlerId).update();
		for (int round = 0; round < 6; round++) {
			// x goes from "no unit" to the unit; y, closed by the unit, is reopened back to registration
			long x = report("441202001005", "BARRIER_FREE");
			workflow.register(x, 0, office);
			long y = report("441202001005", "BARRIER_FREE");
			workflow.register(y, 0, office);
			workflow.dispatch(y, 1, office, unit, null);
			workflow.accept(y, 2, handler);
			workflow.submitFix(y, 3, handler, "已修复", List.of());
			workflow.verify(y, 4, office, null);
			List<String> outcomes = race(2, i -> {
				if (i == 0) {
					workflow.dispatch(x, 1, office, unit, null);
				}
				else {
					workflow.reopen(y, 5, cityOffice, "复发", false);
				}
				return "ok";
			});
			assertThat(outcomes).containsExactly("ok", "ok");
		}
		assertThat(cells.check()).isEmpty();
	}

	@Test
	void aRebuildAmongWorkflowStepsLosesNoneOfThem() throws Exception {
		long unit = fixtures.unit("重建并发单位", "441202");
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < THREADS - 1; i++) {
			ids.add(report("441202001002", "OLD_COMPOUND"));
		}
		race(THREADS, i -> {
			if (i == THREADS - 1) {
				cells.rebuild();
				return 0L;
			}
			long id = ids.get(i);
			workflow.register(id, 0, office);
			workflow.dispatch(id, 1, office, unit, null);
			report("441202001002", "OLD_COMPOUND");
			return id;
		});
		assertThat(cells.check()).isEmpty();
	}

	private long report(String regionCode, String category) {
		return cases.report(new NewCase(CaseSource.PATROL, category, "并发测试" + UUID.randomUUID(), null, null, null,
				regionCode, null, null, null, null), "cells-race").id();
	}

	interface Task<T> {

		T run(int index) throws Exception;
	}

	/** Runs {@code n} tasks released together on their own threads; their results in task order. */
	static <T> List<T> race(int n, Task<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(n);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				int index = i;
				Callable<T> call = () -> {
					start.await();
					return task.run(index);
				};
				futures.add(pool.submit(call));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
