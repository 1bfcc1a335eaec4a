package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.WenmingApplication;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * While the database is away (stopped under a running Wenming, then started again on the same data)
 * every request is answered 503 with {@code Retry-After} in the format its client reads: a problem
 * document on {@code /api/}, Open311's error list on {@code /open311/}, the error page for browsers
 * (also for a sign-in, which is no wrong password);
 * liveness stays up while readiness goes down; and once the database is back the same application
 * answers again without a restart.
 */
class DatabaseOutageTest {

	@TempDir
	Path folder;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private int port;

	@Test
	void aStoppedDatabaseIsA503WithRetryAfterAndTheApplicationRecoversWhenItIsBack() throws Exception {
		int dbPort = freePort();
		Path data = folder.resolve("pg");
		EmbeddedPostgres db = start(data, dbPort);
		try (Connection c = db.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("create database wenming_outage");
		}
		try (ConfigurableApplicationContext app = SpringApplication.run(WenmingApplication.class, "--server.port=0",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--wenming.db.url=jdbc:postgresql://localhost:" + dbPort + "/wenming_outage",
				"--wenming.db.username=postgres", "--wenming.db.password=",
				"--wenming.db.embedded-directory=" + folder.resolve("unused"),
				"--wenming.outage.retry-after=7s", "--wenming.outage.connection-timeout=1s",
				"--wenming.scheduling.enabled=false",
				"--wenming.personal-data.keys.k1=mZyPbgNEoNmlcUn5Z+gI7tAX3NEsImG1ccxf/GeFrys=",
				"--wenming.personal-data.active-key=k1",
				"--wenming.personal-data.hash-key=hASckkVYgXFV4wD6k+c030uHo5UDzf2s8fA3FAjXW/A=",
				"--wenming.checkin.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=", "--wenming.honor.notice.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=",
					// and the key that signs the ledger's tree heads (generated for an embedded database only)
					"--wenming.ledger.signing.key-file=" + folder.resolve("ledger-signing.key"))) {
			port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			assertThat(get("/api/v1/activities", "application/json").statusCode()).isEqualTo(200);
			assertThat(get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(200);

			HttpResponse<String> form = get("/login", "text/html");
			Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
			assertThat(csrf.find()).isTrue();
			String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

			db.close(); // pg_ctl stop -m fast: the pool's connections are cut (57P01), new ones refused

			HttpResponse<String> api = get("/api/v1/activities", "application/json");
			assertThat(api.statusCode()).isEqualTo(503);
			assertThat(api.headers().firstValue("Retry-After")).hasValue("7");
			assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(
					type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(api.body()).contains("\"status\":503", "again in 7 s").doesNotContain("Exception", "jdbc", "at org.");

			HttpResponse<String> page = get("/activities", "text/html");
			assertThat(page.statusCode()).isEqualTo(503);
			assertThat(page.headers().firstValue("Retry-After")).hasValue("7");
			assertThat(page.body()).contains("系统正在恢复，请在7秒后重试").doesNotContain("Exception", "jdbc", "at org.");

			HttpResponse<String> english = get("/activities?lang=en", "text/html");
			assertThat(english.statusCode()).isEqualTo(503);
			assertThat(english.body()).contains("Please try again in 7 seconds");

			HttpResponse<String> open311 = get("/open311/v2/requests.json", "application/json");
			assertThat(open311.statusCode()).isEqualTo(503);
			assertThat(open311.headers().firstValue("Retry-After")).hasValue("7");
			assertThat(open311.body()).startsWith("[").contains("\"code\":503", "数据库暂时不可用，请在7秒后重试");

			// the sign-in form needs a session, and sessions live in the database: a 503 too
			HttpResponse<String> formWhileDown = get("/login", "text/html");
			assertThat(formWhileDown.statusCode()).isEqualTo(503);
			assertThat(formWhileDown.headers().firstValue("Retry-After")).hasValue("7");
			assertThat(formWhileDown.body()).contains("系统正在恢复，请在7秒后重试").doesNotContain("Exception", "jdbc");
			// signing in with a form fetched before needs the account: a 503, not "wrong user name or password"
			HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
				.header("Accept", "text/html").header("Cookie", cookie)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("username=someone&password=Some-password-1&_csrf=" + csrf.group(1)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(login.statusCode()).isEqualTo(503);
			assertThat(login.headers().firstValue("Retry-After")).hasValue("7");
			assertThat(login.body()).contains("系统正在恢复");

			assertThat(get("/actuator/health/liveness", "application/json").statusCode()).isEqualTo(200);
			assertThat(get("/actuator/health/readiness", "application/json").statusCode()).isEqualTo(503);

			db = start(data, dbPort);

			// the pool replaces its dead connections on its own: no restart, no operator
			assertThat(within(Duration.ofSeconds(20), () -> get("/api/v1/activities", "application/json").statusCode()))
				.isEqualTo(200);
			assertThat(get("/activities", "text/html").statusCode()).isEqualTo(200);
			assertThat(get("/open311/v2/requests.json", "application/json").statusCode()).isEqualTo(200);
			assertThat(within(Duration.ofSeconds(20),
					() -> get("/actuator/health/readiness", "application/json").statusCode())).isEqualTo(200);
		}
		finally {
			db.close();
		}
	}

	private static EmbeddedPostgres start(Path data, int port) throws Exception {
		return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
	}

	private HttpResponse<String> get(String path, String accept) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", accept)
			.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The status once it is 200, or the last one seen when the time is up. */
	private static int within(Duration time, Callable<Integer> status) throws Exception {
		long end = System.nanoTime() + time.toNanos();
		int last;
		do {
			last = status.call();
			if (last == 200) {
				return last;
			}
			Thread.sleep(200);
		}
		while (System.nanoTime() < end);
		return last;
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
