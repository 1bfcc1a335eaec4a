package org.wenming.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The helper makes a real hot standby: it is in recovery, receives what the primary commits over the
 * streaming protocol, refuses writes, and stops replaying while paused.
 */
class StreamingReplicaTest {

	@TempDir
	Path folder;

	@Test
	void theStandbyStreamsThePrimarysCommitsAndRefusesWrites() throws Exception {
		try (StreamingReplica pair = StreamingReplica.start(folder, 18410, 18411)) {
			try (Connection primary = pair.primary().getPostgresDatabase().getConnection();
					Statement s = primary.createStatement()) {
				s.execute("create table probe (id int primary key, word text)");
				s.execute("insert into probe values (1, 'first')");
			}
			pair.awaitCaughtUp(Duration.ofSeconds(30));
			assertThat(onReplica(pair, "select word from probe where id = 1")).isEqualTo("first");
			assertThat(onReplica(pair, "select pg_is_in_recovery()::text")).isEqualTo("true");
			assertThat(onReplica(pair, "select status from pg_stat_wal_receiver")).isEqualTo("streaming");
			assertThatThrownBy(() -> onReplica(pair, "insert into probe values (2, 'no') returning word"))
				.isInstanceOf(SQLException.class).hasMessageContaining("read-only");

			pair.pauseReplay();
			try (Connection primary = pair.primary().getPostgresDatabase().getConnection();
					Statement s = primary.createStatement()) {
				s.execute("update probe set word = 'second' where id = 1");
			}
			Thread.sleep(500);
			assertThat(onReplica(pair, "select word from probe where id = 1")).isEqualTo("first");
			pair.resumeReplay();
			pair.awaitCaughtUp(Duration.ofSeconds(30));
			assertThat(onReplica(pair, "select word from probe where id = 1")).isEqualTo("second");
		}
	}

	private static String onReplica(StreamingReplica pair, String sql) throws SQLException {
		try (Connection c = java.sql.DriverManager.getConnection(pair.replicaUrl(), "postgres", "");
				Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}
}
