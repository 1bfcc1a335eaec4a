package org.wenming.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.casework.internal.CaseRefusedException;
import org.wenming.casework.internal.CaseWorkflow;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;

/**
 * Two staff members acting on the same case at the same moment, on real threads against the real
 * database: exactly one step succeeds, the other is refused as stale, and the history has one entry.
 */
@WenmingTest
class CaseConcurrencyTest {

	@Autowired
	CaseWorkflow workflow;

	@Autowired
	Cases cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Test
	void twoDispatchesAtOnceLeaveExactlyOne() throws Exception {
		CaseFixtures f = new CaseFixtures(jdbc, cases, regions);
		long unitA = f.unit("441202");
		long unitB = f.unit("441202");
		for (int round = 0; round < 5; round++) {
			long id = f.report("441202", "SANITATION");
			ScopedUser first = f.users.staffPrincipal("441202", Roles.OFFICE_STAFF);
			ScopedUser second = f.users.staffPrincipal("4412", Roles.OFFICE_STAFF);
			workflow.register(id, 0, first);
			List<String> outcomes = race(() -> {
				workflow.dispatch(id, 1, first, unitA, null);
				return "ok";
			}, () -> {
				workflow.dispatch(id, 1, second, unitB, null);
				return "ok";
			});
			assertThat(outcomes).containsExactlyInAnyOrder("ok", "casework.stale");
			assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and kind = 'DISPATCHED'")
					.param("id", id).query(Long.class).single()).isEqualTo(1);
			CaseView view = cases.find(id).orElseThrow();
			assertThat(view.version()).isEqualTo(2);
			assertThat(view.unitId()).isIn(unitA, unitB);
		}
	}

	@Test
	void twoVerificationsAtOnceCloseTheCaseOnce() throws Exception {
		CaseFixtures f = new CaseFixtures(jdbc, cases, regions);
		long handlerId = f.account("441202", Roles.UNIT_HANDLER);
		ScopedUser handler = f.users.principal(handlerId, "441202", Roles.UNIT_HANDLER);
		long unit = f.unit("441202", handlerId);
		for (int round = 0; round < 5; round++) {
			long id = f.report("441202", "SANITATION");
			ScopedUser office = f.users.staffPrincipal("441202", Roles.OFFICE_STAFF);
			ScopedUser inspector = f.users.staffPrincipal("441202", Roles.INSPECTOR);
			workflow.register(id, 0, office);
			workflow.dispatch(id, 1, office, unit, null);
			workflow.accept(id, 2, handler);
			workflow.submitFix(id, 3, handler, "已处理", List.of());
			List<String> outcomes = race(() -> {
				workflow.verify(id, 4, office, null);
				return "ok";
			}, () -> {
				workflow.returnForRework(id, 4, inspector, "不合格");
				return "ok";
			});
			assertThat(outcomes).containsExactlyInAnyOrder("ok", "casework.stale");
			assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and kind in ('VERIFIED', 'RETURNED')")
					.param("id", id).query(Long.class).single()).isEqualTo(1);
			assertThat(cases.find(id).orElseThrow().version()).isEqualTo(5);
		}
	}

	/** Runs both at once (released together) and returns "ok" or the refusal's message key for each. */
	static List<String> race(Callable<String> a, Callable<String> b) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> futures = new ArrayList<>();
			for (Callable<String> task : List.of(a, b)) {
				futures.add(pool.submit(() -> {
					start.await();
					try {
						return task.call();
					}
					catch (CaseRefusedException ex) {
						return ex.messageKey();
					}
				}));
			}
			start.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<String> future : futures) {
				outcomes.add(future.get());
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}
}
