package org.wenming.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL 17 primary and a hot standby streaming from it, both from the zonky binaries the
 * application embeds. There is no pg_basebackup 17 here (Debian's 15 refuses a 17 server), so the base
 * backup is taken with the low-level API: {@code pg_backup_start} in one session, a copy of the data
 * folder without the running server's own files and its WAL, {@code pg_backup_stop} whose label becomes
 * {@code backup_label}; then {@code standby.signal} and {@code primary_conninfo}, and the standby starts
 * from the same binaries and fetches the WAL since the backup through a replication slot (so the
 * primary keeps that WAL however long the standby is paused or stopped).
 *
 * <pre>
 * try (StreamingReplica pair = StreamingReplica.start(folder, 18401, 18402)) {
 *     pair.primaryUrl(); pair.replicaUrl(); pair.pauseReplay(); pair.stopReplica(); …
 * }
 * </pre>
 */
public final class StreamingReplica implements AutoCloseable {

	private static final String SLOT = "wenming_test_replica";

	/** The server's own files a copy must leave out: pg_basebackup leaves out the same. */
	private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
			"backup_label", "tablespace_map", "standby.signal", "recovery.signal");

	/** Folders whose contents belong to the running server only (the WAL comes by streaming). */
	private static final Set<String> COPIED_EMPTY = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
			"pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

	private final EmbeddedPostgres primary;

	private final Path replicaData;

	private final int replicaPort;

	private EmbeddedPostgres replica;

	private StreamingReplica(EmbeddedPostgres primary, Path replicaData, int replicaPort) {
		this.primary = primary;
		this.replicaData = replicaData;
		this.replicaPort = replicaPort;
	}

	/** Starts a fresh primary in {@code folder/primary} and its standby in {@code folder/replica}. */
	public static StreamingReplica start(Path folder, int primaryPort, int replicaPort) throws IOException, SQLException {
		Path primaryData = folder.resolve("primary");
		EmbeddedPostgres primary = EmbeddedPostgres.builder().setDataDirectory(primaryData).setCleanDataDirectory(true)
			.setPort(primaryPort)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("wal_level", "replica")
			.setServerConfig("max_wal_senders", "4")
			// as in production (zonky's default is off): a commit is in the WAL the standby receives when it returns
			.setServerConfig("synchronous_commit", "on")
			// the standby answers reads while it replays; feedback keeps the primary's vacuum from
			// removing rows a running read on the standby still needs
			.setServerConfig("hot_standby_feedback", "on")
			.start();
		StreamingReplica pair = new StreamingReplica(primary, folder.resolve("replica"), replicaPort);
		try {
			pair.baseBackup(primaryData);
			pair.startReplica();
			return pair;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			pair.close();
			throw ex;
		}
	}

	private void baseBackup(Path primaryData) throws IOException, SQLException {
		deleteRecursively(replicaData);
		try (Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
			// fast: a checkpoint now rather than at the next timed one; the backup must stay in this session
			s.execute("select pg_backup_start('wenming-test-replica', true)");
			copy(primaryData, replicaData);
			try (ResultSet rs = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(true)")) {
				rs.next();
				Files.writeString(replicaData.resolve("backup_label"), rs.getString(1));
				String spcmap = rs.getString(2);
				if (spcmap != null && !spcmap.isEmpty()) {
					Files.writeString(replicaData.resolve("tablespace_map"), spcmap);
				}
			}
		}
		Files.createFile(replicaData.resolve("standby.signal"));
		for (String written : new String[] { "backup_label", "tablespace_map", "standby.signal" }) {
			Path file = replicaData.resolve(written);
			if (Files.exists(file)) {
				Files.setOwner(file, Files.getOwner(primaryData));
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
		}
		Files.writeString(replicaData.resolve("postgresql.auto.conf"), """

				primary_conninfo = 'host=127.0.0.1 port=%d user=postgres application_name=wenming_test_replica'
				primary_slot_name = '%s'
				""".formatted(primary.getPort(), SLOT), StandardOpenOption.APPEND);
	}

	/** Starts (or starts again) the standby and waits until it accepts read-only connections. */
	public void startReplica() throws IOException {
		if (replica != null) {
			return;
		}
		// setCleanDataDirectory(false) and a postgresql.conf in the folder: zonky starts the copy as it is
		replica = EmbeddedPostgres.builder().setDataDirectory(replicaData).setCleanDataDirectory(false)
			.setPort(replicaPort)
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setServerConfig("hot_standby", "on")
			.setServerConfig("hot_standby_feedback", "on")
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
		try (Connection c = replica.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				throw new IllegalStateException("the replica started but is not a standby");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the replica does not answer", ex);
		}
	}

	/** Stops the standby (as a crash or a network cut would look to the application: no answer). */
	public void stopReplica() throws IOException {
		if (replica != null) {
			replica.close();
			replica = null;
		}
	}

	public String primaryUrl() {
		return "jdbc:postgresql://127.0.0.1:" + primary.getPort() + "/postgres";
	}

	public String replicaUrl() {
		return "jdbc:postgresql://127.0.0.1:" + replicaPort + "/postgres";
	}

	public EmbeddedPostgres primary() {
		return primary;
	}

	/** Stops replaying WAL on the standby: it keeps answering reads, from the state it had reached. */
	public void pauseReplay() {
		onReplica("select pg_wal_replay_pause()");
	}

	public void resumeReplay() {
		onReplica("select pg_wal_replay_resume()");
	}

	/** Waits until the standby has replayed everything the primary had written when this was called. */
	public void awaitCaughtUp(Duration timeout) {
		String position;
		try (Connection c = primary.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select pg_current_wal_insert_lsn()::text")) {
			rs.next();
			position = rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try (Connection c = replica.getPostgresDatabase().getConnection();
					var s = c.prepareStatement("select pg_wal_lsn_diff(cast(? as pg_lsn), pg_last_wal_replay_lsn()) <= 0")) {
				s.setString(1, position);
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					if (rs.getBoolean(1)) {
						return;
					}
				}
				Thread.sleep(50);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("the replica did not replay up to " + position + " within " + timeout);
	}

	private void onReplica(String sql) {
		try (Connection c = replica.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			stopReplica();
		}
		finally {
			primary.close();
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.walkFileTree(from, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
				Files.createDirectories(to.resolve(from.relativize(dir).toString()));
				return dir.equals(from) || !COPIED_EMPTY.contains(from.relativize(dir).toString()) ? FileVisitResult.CONTINUE
						: FileVisitResult.SKIP_SUBTREE;
			}

			/** Owned like the original: zonky's server runs as another user than the one copying when that is root. */
			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException ex) throws IOException {
				if (ex != null) {
					throw ex;
				}
				Path copy = to.resolve(from.relativize(dir).toString());
				Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir));
				Files.setOwner(copy, Files.getOwner(dir));
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				if (file.getParent().equals(from) && NOT_COPIED.contains(file.getFileName().toString())) {
					return FileVisitResult.CONTINUE;
				}
				try {
					Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
				}
				catch (NoSuchFileException gone) {
					// a temporary file the server removed while we copied: the WAL replay recreates what matters
				}
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
				if (ex instanceof NoSuchFileException) {
					return FileVisitResult.CONTINUE;
				}
				throw ex;
			}
		});
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}
}
