package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.WenmingApplication;


/** Wenming started twice on the same data folder finds its data again and does not set up twice. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseRestartTest {

	@TempDir
	Path dataFolder;

	@Test
	void dataSurvivesARestartAndTheFirstLoginIsPrintedOnlyOnce(CapturedOutput output) {
		long regionsAfterFirstStart;
		try (ConfigurableApplicationContext first = start()) {
			JdbcClient jdbc = first.getBean(JdbcClient.class);
			regionsAfterFirstStart = jdbc.sql("select count(*) from region").query(Long.class).single();
			jdbc.sql("insert into region (code, name, level, parent_code, path) values "
					+ "('441202997', '重启测试街道', 4, '441202', '44.4412.441202.441202997.')").update();
		}
		assertThat(regionsAfterFirstStart).isEqualTo(28_745);
		assertThat(output.getOut()).containsOnlyOnce("password: ");
		assertThat(output.getOut()).contains("Wenming is ready at http://localhost:");

		try (ConfigurableApplicationContext second = start()) {
			JdbcClient jdbc = second.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select name from region where code = '441202997'").query(String.class).single())
					.isEqualTo("重启测试街道");
			assertThat(jdbc.sql("select count(*) from region").query(Long.class).single())
					.isEqualTo(regionsAfterFirstStart + 1);
			assertThat(jdbc.sql("select count(*) from app_user where username = 'admin'").query(Long.class).single())
					.isEqualTo(1);
		}
		assertThat(output.getOut()).containsOnlyOnce("password: ");
	}

	@Test
	void aPostgresLeftRunningByAKilledWenmingIsStoppedAndItsDataKept() throws Exception {
		try (ConfigurableApplicationContext first = start()) {
			first.getBean(JdbcClient.class).sql("insert into region (code, name, level, parent_code, path) values "
					+ "('441202996', '遗留测试街道', 4, '441202', '44.4412.441202.441202996.')").update();
		}
		// what a Wenming killed with SIGKILL leaves behind: its PostgreSQL, still running, no lock held
		Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), LeftBehindPostgres.class.getName(),
				dataFolder.resolve("db/postgres").toString()).inheritIO().start();
		assertThat(child.waitFor()).isZero();
		long leftBehindPid = Long.parseLong(
				java.nio.file.Files.readAllLines(dataFolder.resolve("db/postgres/postmaster.pid")).get(0).trim());
		assertThat(ProcessHandle.of(leftBehindPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
		try (ConfigurableApplicationContext second = start()) {
			assertThat(second.getBean(JdbcClient.class).sql("select name from region where code = '441202996'")
					.query(String.class).single()).isEqualTo("遗留测试街道");
			assertThat(ProcessHandle.of(leftBehindPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		}
		finally {
			ProcessHandle.of(leftBehindPid).ifPresent(ProcessHandle::destroy);
		}
	}

	@Test
	void aSecondWenmingOnTheSameFolderIsRefusedWithAClearMessage() throws Exception {
		java.nio.file.Files.createDirectories(dataFolder.resolve("db"));
		try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
				dataFolder.resolve("db/wenming.lock"), java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.WRITE); var held = channel.lock()) {
			assertThatThrownBy(this::start).hasStackTraceContaining("Another Wenming is already using the data folder");
		}
	}

	@Test
	void theServerStartsItsPostgresAheadOfTheContextWhichTakesItOverAndStopsIt() {
		Path folder = dataFolder.resolve("db");
		try (ConfigurableApplicationContext first = start()) {
			assertThat(EmbeddedPostgresServers.startedAhead(folder)).isTrue();
			assertThat(EmbeddedPostgresServers.holders(folder)).isEqualTo(1);
			assertThat(first.getBean(JdbcClient.class).sql("select 1").query(Integer.class).single()).isEqualTo(1);
		}
		// taken over, so stopped with the context (a head start nobody took would still be running)
		assertThat(EmbeddedPostgresServers.holders(folder)).isEqualTo(-1);
	}

	/** As {@code main} starts it: the embedded PostgreSQL started ahead ({@link EmbeddedDatabaseHeadStart}). */
	private ConfigurableApplicationContext start() {
		return WenmingApplication.application().run("--server.port=0",
				"--wenming.db.embedded-directory=" + dataFolder.resolve("db"), "--spring.main.banner-mode=off",
				"--logging.level.root=WARN");
	}
}
