package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.wenming.WenmingApplication;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.StreamingReplica;
import org.wenming.support.TestUsers;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wenming with {@code wenming.db.replica.url} pointing at a real hot standby streaming from its primary
 * (both PostgreSQL 17 from zonky's binaries, {@link StreamingReplica}): the lag-tolerant reads come
 * from the standby while it is current, from the primary when it is paused beyond the limit or
 * stopped; the cockpit and the health endpoint say which; nothing is ever written through the
 * replica's client. The replica's checks run when the test calls them (check-interval 5 min), so
 * each step sees exactly the state it set up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaReadsTest {

	/** A county of the home city whose dashboard shows the figure the test writes (nobody else writes here). */
	static final String COUNTY = "441226";

	/**
	 * The limit of the test's replica. Wide enough that a loaded machine's pause between the last replayed
	 * commit and the check does not already count as beyond it (8 s failed once in CI under load).
	 */
	static final Duration MAX_LAG = Duration.ofSeconds(20);

	@TempDir
	static Path folder;

	static StreamingReplica pair;

	static ConfigurableApplicationContext app;

	static MockMvc mvc;

	static JdbcClient primary;

	static JdbcClient replicaReads;

	static ReadReplica replica;

	static RequestPostProcessor staff;

	@BeforeAll
	static void start() throws Exception {
		pair = StreamingReplica.start(folder, 18420, 18421);
		app = SpringApplication.run(WenmingApplication.class, "--spring.profiles.active=test", "--server.port=0",
				"--spring.main.banner-mode=off", "--wenming.db.url=" + pair.primaryUrl(), "--wenming.db.username=postgres",
				"--wenming.db.password=", "--wenming.db.embedded-directory=" + folder.resolve("unused"),
				"--wenming.db.replica.url=" + pair.replicaUrl(), "--wenming.db.replica.max-lag=" + MAX_LAG.toSeconds() + "s",
				"--wenming.db.replica.check-interval=5m", "--wenming.db.replica.pool-size=4",
				"--wenming.checkin.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=", "--wenming.honor.notice.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=",
					// and the key that signs the ledger's tree heads (generated for an embedded database only)
					"--wenming.ledger.signing.key-file=" + folder.resolve("ledger-signing.key"));
		mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) app)
			.apply(SecurityMockMvcConfigurers.springSecurity()).build();
		primary = app.getBean(JdbcClient.class);
		replicaReads = app.getBean("replicaJdbcClient", JdbcClient.class);
		replica = app.getBean(ReadReplica.class);
		staff = new TestUsers(app.getBean(Regions.class)).staff("4412", Roles.OFFICE_STAFF);
		pair.awaitCaughtUp(Duration.ofSeconds(60));
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
		if (pair != null) {
			pair.close();
		}
	}

	@Test
	@Order(1)
	void aCurrentReplicaServesTheDashboardAndAPausedOneShowsItsOwnOlderState() throws Exception {
		setVolunteers(7);
		pair.awaitCaughtUp(Duration.ofSeconds(30));
		assertThat(replica.check().state()).isEqualTo(ReplicaStatus.State.CURRENT);
		assertThat(replica.status().lag()).isEqualTo(Duration.ZERO);
		assertThat(replicaReads.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isTrue();
		assertThat(primary.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isFalse();
		dashboardShows(7);

		// replay paused: the primary moves on, the replica keeps its state; within the limit reads stay there
		pair.pauseReplay();
		try {
			setVolunteers(9);
			ReplicaStatus paused = replica.check();
			assertThat(paused.state()).isEqualTo(ReplicaStatus.State.CURRENT);
			assertThat(paused.lag()).isPositive().isLessThan(MAX_LAG);
			// 7 exists only on the replica's side now: the dashboard was read there
			dashboardShows(7);
			assertThat(primary.sql("select sum(value)::int from insight_cell where region_code = :r")
				.param("r", COUNTY).query(Integer.class).single()).isEqualTo(9);

			// beyond the limit: the next check sends the reads to the primary, and the cockpit says so
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (replica.check().state() == ReplicaStatus.State.CURRENT && System.nanoTime() < deadline) {
				Thread.sleep(500);
			}
			ReplicaStatus lagging = replica.status();
			assertThat(lagging.state()).isEqualTo(ReplicaStatus.State.LAGGING);
			assertThat(lagging.lag()).isGreaterThan(MAX_LAG);
			dashboardShows(9);
			assertThat(replicaReads.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isFalse();
			assertThat(cockpit("zh-CN")).contains("只读副本落后主库 " + lagging.lagSeconds() + " 秒，超过允许的 " + MAX_LAG.toSeconds()
					+ " 秒：现在从主库读取");
			assertThat(cockpit("en")).contains("more than the " + MAX_LAG.toSeconds() + " s allowed: reading from the primary");
			assertThat(health().getStatus().getCode()).isEqualTo("LAGGING");
			assertThat(health().getDetails()).containsEntry("readsFrom", "primary");
			assertThat(app.getBean(MeterRegistry.class).get("wenming.db.replica.lag").gauge().value())
				.isGreaterThan(MAX_LAG.toSeconds());
			mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
		}
		finally {
			pair.resumeReplay();
		}
		pair.awaitCaughtUp(Duration.ofSeconds(30));
		assertThat(replica.check().state()).isEqualTo(ReplicaStatus.State.CURRENT);
		dashboardShows(9);
		assertThat(cockpit("zh-TW")).contains("統計數字從唯讀副本讀取，副本落後主庫 0 秒（允許 " + MAX_LAG.toSeconds() + " 秒）");
		assertThat(health().getStatus().getCode()).isEqualTo("UP");
	}

	@Test
	@Order(2)
	void nothingIsWrittenThroughTheReplicasClientOnTheReplicaNorOnThePrimary() {
		assertThat(replica.check().readsFromReplica()).isTrue();
		assertThatThrownBy(() -> replicaReads.sql("insert into insight_cell (metric, region_code, month, value)"
				+ " values ('TEAMS', :r, :m, 1)").param("r", COUNTY).param("m", LocalDate.of(2020, 1, 1)).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("read-only");

		pair.pauseReplay();
		try {
			setVolunteers(10);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (replica.check().readsFromReplica() && System.nanoTime() < deadline) {
				sleep(500);
			}
			assertThat(replicaReads.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isFalse();
			// fallen back to the primary, the client is still read-only: a write fails there too
			assertThatThrownBy(() -> replicaReads.sql("update insight_cell set value = 0 where region_code = :r")
				.param("r", COUNTY).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("read-only");
		}
		finally {
			pair.resumeReplay();
		}
		assertThat(primary.sql("select sum(value)::int from insight_cell where region_code = :r").param("r", COUNTY)
			.query(Integer.class).single()).isEqualTo(10);
		assertThat(primary.sql("select count(*) from insight_cell where metric = 'TEAMS' and region_code = :r")
			.param("r", COUNTY).query(Integer.class).single()).isZero();
		pair.awaitCaughtUp(Duration.ofSeconds(30));
		assertThat(replica.check().state()).isEqualTo(ReplicaStatus.State.CURRENT);
	}

	@Test
	@Order(3)
	void aStoppedReplicaLeavesEveryPageAnsweringFromThePrimary() throws Exception {
		assertThat(replica.check().state()).isEqualTo(ReplicaStatus.State.CURRENT);
		pair.stopReplica();
		try {
			setVolunteers(11);
			// no check since it stopped: the first read that cannot reach it goes to the primary and says so
			dashboardShows(11);
			assertThat(replica.status().state()).isEqualTo(ReplicaStatus.State.UNREACHABLE);

			assertThat(replica.check().state()).isEqualTo(ReplicaStatus.State.UNREACHABLE);
			dashboardShows(11);
			mvc.perform(get("/dashboard")).andExpect(status().isOk());
			mvc.perform(get("/sites").param("region", COUNTY)).andExpect(status().isOk());
			mvc.perform(get("/api/v1/sites").param("region", COUNTY)).andExpect(status().isOk())
				.andExpect(jsonPath("$.total").isNumber());
			mvc.perform(get("/teams")).andExpect(status().isOk());
			mvc.perform(get("/activities")).andExpect(status().isOk());
			mvc.perform(get("/open311/v2/requests.json")).andExpect(status().isOk());
			mvc.perform(get("/api/v1/casework/statistics").with(staff)).andExpect(status().isOk());
			mvc.perform(get("/casework/rankings").with(staff)).andExpect(status().isOk());
			assertThat(cockpit("zh-CN")).contains("只读副本无法连接：现在从主库读取");
			assertThat(cockpit("en")).contains("The read replica is unreachable: reading from the primary.");
			assertThat(health().getStatus().getCode()).isEqualTo("UNREACHABLE");
			assertThat(app.getBean(MeterRegistry.class).get("wenming.db.replica.lag").gauge().value()).isNaN();
			mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
			mvc.perform(get("/actuator/health")).andExpect(status().isOk());
		}
		finally {
			pair.startReplica();
		}
		// back: it catches up from the slot, and a check routes the reads to it again (the pool retries its
		// connections with a back-off of a few seconds, so it may take a check or two, as on the timer)
		pair.awaitCaughtUp(Duration.ofSeconds(60));
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (replica.check().state() != ReplicaStatus.State.CURRENT && System.nanoTime() < deadline) {
			sleep(500);
		}
		assertThat(replica.status().state()).isEqualTo(ReplicaStatus.State.CURRENT);
		assertThat(replicaReads.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isTrue();
		dashboardShows(11);
	}

	private static void setVolunteers(int count) {
		LocalDate month = LocalDate.now(ZoneId.of("Asia/Shanghai")).withDayOfMonth(1);
		primary.sql("""
				insert into insight_cell (metric, region_code, month, dim, value) values ('VOLUNTEERS_REGISTERED', :r, :m, '', :v)
				on conflict (metric, region_code, month, dim) do update set value = excluded.value""")
			.param("r", COUNTY).param("m", month).param("v", count).update();
	}

	private static void dashboardShows(int volunteers) throws Exception {
		mvc.perform(get("/api/v1/dashboard").param("region", COUNTY)).andExpect(status().isOk())
			.andExpect(jsonPath("$.headline.volunteers").value(volunteers));
	}

	private static String cockpit(String language) throws Exception {
		return mvc.perform(get("/admin/insight").param("lang", language).with(staff)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
	}

	private static org.springframework.boot.health.contributor.Health health() {
		return app.getBean("replicaHealthIndicator", HealthIndicator.class).health();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
