package org.wenming.volunteer.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/** Two leaders deciding the same application at once, with real threads on the real database: one decision. */
@WenmingTest
class ConcurrentDecisionTest {

	@Autowired
	Teams teams;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@RepeatedTest(3)
	void twoLeadersDecideAtOnceAndExactlyOneWins() throws Exception {
		TeamFixtures fixtures = new TeamFixtures(jdbc);
		TestUsers users = new TestUsers(regions);
		long team = fixtures.team("并发测试队" + TeamFixtures.tag(), null, "CORPS", "441202", TeamFixtures.DUANZHOU_PATH);
		long volunteerUser = fixtures.volunteerWithLogin("孙并发");
		Membership application = teams.apply(team, users.principal(volunteerUser, "441202", Roles.VOLUNTEER));
		List<ScopedUser> leaders = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			long leaderUser = fixtures.account("队长" + i);
			fixtures.leader(team, leaderUser);
			leaders.add(users.principal(leaderUser, "441202", Roles.TEAM_LEADER));
		}
		CountDownLatch start = new CountDownLatch(1);
		List<Callable<String>> decisions = List.of(() -> {
			start.await();
			return teams.approve(team, application.id(), leaders.get(0)).status().name();
		}, () -> {
			start.await();
			return teams.decline(team, application.id(), "名额已满", leaders.get(1)).status().name();
		});
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<String>> results = new ArrayList<>();
			decisions.forEach(d -> results.add(pool.submit(d)));
			start.countDown();
			List<String> won = new ArrayList<>();
			int refused = 0;
			for (Future<String> result : results) {
				try {
					won.add(result.get());
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(MembershipRefusedException.class);
					refused++;
				}
			}
			assertThat(won).hasSize(1);
			assertThat(refused).isEqualTo(1);
			assertThat(fixtures.status(application.id())).isEqualTo(won.get(0));
		}
		finally {
			pool.shutdown();
		}
	}

	@RepeatedTest(3)
	void twoApprovalsAtOnceMakeOneMember() throws Exception {
		TeamFixtures fixtures = new TeamFixtures(jdbc);
		TestUsers users = new TestUsers(regions);
		long team = fixtures.team("并发批准队" + TeamFixtures.tag(), null, "CORPS", "441202", TeamFixtures.DUANZHOU_PATH);
		long volunteerUser = fixtures.volunteerWithLogin("周并发");
		Membership application = teams.apply(team, users.principal(volunteerUser, "441202", Roles.VOLUNTEER));
		ScopedUser office = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return teams.approve(team, application.id(), office);
				}));
			}
			start.countDown();
			int succeeded = 0;
			for (Future<?> result : results) {
				try {
					result.get();
					succeeded++;
				}
				catch (java.util.concurrent.ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(MembershipRefusedException.class);
				}
			}
			assertThat(succeeded).isEqualTo(1);
			assertThat(teams.memberVolunteerIds(team)).containsExactly(fixtures.volunteerIdOf(volunteerUser));
		}
		finally {
			pool.shutdown();
		}
	}
}
