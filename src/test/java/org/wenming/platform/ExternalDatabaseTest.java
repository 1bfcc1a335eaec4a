package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.WenmingApplication;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A JDBC URL switches Wenming to an external PostgreSQL with no other change: Flyway migrates it,
 * the regions are loaded into it, and no embedded server or data folder is created. (The
 * "external" server here is a separate PostgreSQL process started by the test.)
 */
class ExternalDatabaseTest {

	@TempDir
	Path folder;

	@Test
	void aJdbcUrlSwitchesToAnExternalPostgres() throws Exception {
		try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(folder.resolve("external"))
				.setCleanDataDirectory(true).start()) {
			try (Connection c = external.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
				s.execute("create database wenming_ext");
			}
			Path embeddedFolder = folder.resolve("must-not-be-created");
			try (ConfigurableApplicationContext app = SpringApplication.run(WenmingApplication.class, "--server.port=0",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--wenming.db.url=jdbc:postgresql://localhost:" + external.getPort() + "/wenming_ext",
					"--wenming.db.username=postgres", "--wenming.db.password=",
					"--wenming.db.embedded-directory=" + embeddedFolder,
					// an external database needs configured personal-data keys (none are generated for it)
					"--wenming.personal-data.keys.k1=mZyPbgNEoNmlcUn5Z+gI7tAX3NEsImG1ccxf/GeFrys=",
					"--wenming.personal-data.active-key=k1",
					"--wenming.personal-data.hash-key=hASckkVYgXFV4wD6k+c030uHo5UDzf2s8fA3FAjXW/A=",
					// and a configured check-in key
					"--wenming.checkin.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=", "--wenming.honor.notice.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=",
					// and the key that signs the ledger's tree heads (generated for an embedded database only)
					"--wenming.ledger.signing.key-file=" + folder.resolve("ledger-signing.key"))) {
				JdbcClient jdbc = app.getBean(JdbcClient.class);
				assertThat(jdbc.sql("select current_database()").query(String.class).single()).isEqualTo("wenming_ext");
				assertThat(jdbc.sql("select count(*) from region").query(Long.class).single()).isEqualTo(28_745);
				assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
						.isGreaterThanOrEqualTo(5);
			}
			assertThat(Files.exists(embeddedFolder)).isFalse();
		}
	}
}
