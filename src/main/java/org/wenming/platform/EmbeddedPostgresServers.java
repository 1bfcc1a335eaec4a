package org.wenming.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per data folder per JVM, shared by every application context that asks
 * for it and stopped when the last one lets go. Tests start many contexts; they must share one
 * server rather than start one each.
 *
 * <p>The data folder holds the database in {@code postgres/} and a {@code wenming.lock} file that a
 * running Wenming keeps locked. The lock tells a second Wenming on the same folder to stay away, and
 * tells a new start that a PostgreSQL still running on the folder was left behind by a Wenming that
 * died (PostgreSQL detaches from the JVM that started it), so it can be stopped instead of blocking
 * every later start.
 */
final class EmbeddedPostgresServers {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServers.class);

	private static final Map<Path, Lease> LEASES = new HashMap<>();

	private static final long SHUTDOWN_GRACE_MILLIS = 20_000;

	static {
		// Contexts normally let go of their server when they close. If one never closes, stop its
		// server anyway when the JVM exits, after giving the contexts time to finish with it.
		Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServers::stopLeftovers, "wenming-pg-stop"));
	}

	private EmbeddedPostgresServers() {
	}

	/**
	 * Starts the folder's server on a thread of its own while the application context is still being read
	 * ({@link EmbeddedDatabaseHeadStart}): PostgreSQL's start (0.3 s on a restart, seconds for a first
	 * {@code initdb}) then overlaps the context's own work instead of following it. The server is nobody's
	 * until the first {@link #acquire} takes it over, waiting for it if it is still starting. A failed head start
	 * is only logged at debug: that acquire starts it again and reports why it cannot.
	 */
	static void startAhead(Path folder, int port, boolean fresh, boolean durable, int maxConnections) {
		Path key = folder.toAbsolutePath().normalize();
		Thread starter = new Thread(() -> {
			synchronized (EmbeddedPostgresServers.class) {
				if (LEASES.containsKey(key)) {
					return;
				}
				try {
					Lease lease = start(key, port, fresh, durable, maxConnections);
					lease.startedAhead = true;
					LEASES.put(key, lease);
				}
				catch (RuntimeException ex) {
					log.debug("The embedded PostgreSQL's head start failed; the database's own start will try again", ex);
				}
			}
		}, "wenming-pg-start");
		starter.setDaemon(true);
		starter.start();
	}

	static synchronized EmbeddedPostgres acquire(Path folder, int port, boolean fresh, boolean durable, int maxConnections) {
		Path key = folder.toAbsolutePath().normalize();
		Lease lease = LEASES.get(key);
		if (lease == null) {
			lease = start(key, port, fresh, durable, maxConnections);
			LEASES.put(key, lease);
		}
		lease.holders++;
		return lease.server;
	}

	/** How many contexts hold the folder's server: -1 when none runs, 0 for a head start nobody took yet. */
	static synchronized int holders(Path folder) {
		Lease lease = LEASES.get(folder.toAbsolutePath().normalize());
		return lease == null ? -1 : lease.holders;
	}

	/** Whether the folder's running server was started ahead of its context ({@link #startAhead}). */
	static synchronized boolean startedAhead(Path folder) {
		Lease lease = LEASES.get(folder.toAbsolutePath().normalize());
		return lease != null && lease.startedAhead;
	}

	static synchronized void release(Path folder) {
		Path key = folder.toAbsolutePath().normalize();
		Lease lease = LEASES.get(key);
		if (lease == null) {
			return;
		}
		if (--lease.holders == 0) {
			LEASES.remove(key);
			lease.close(key);
			EmbeddedPostgresServers.class.notifyAll();
		}
	}

	private static synchronized void stopLeftovers() {
		long deadline = System.currentTimeMillis() + SHUTDOWN_GRACE_MILLIS;
		try {
			// a head-started server that no context took (it failed before its database) has no one to wait for
			while (LEASES.values().stream().anyMatch(lease -> lease.holders > 0) && System.currentTimeMillis() < deadline) {
				EmbeddedPostgresServers.class.wait(Math.max(1, deadline - System.currentTimeMillis()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		LEASES.forEach((key, lease) -> lease.close(key));
		LEASES.clear();
	}

	private static Lease start(Path folder, int port, boolean fresh, boolean durable, int maxConnections) {
		FileChannel channel = null;
		try {
			Files.createDirectories(folder);
			channel = FileChannel.open(folder.resolve("wenming.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (java.nio.channels.OverlappingFileLockException heldHere) {
				lock = null;
			}
			if (lock == null) {
				throw new IllegalStateException("Another Wenming is already using the data folder " + folder
						+ ". Stop it first, or give this one its own folder with WENMING_DATA_DIR.");
			}
			Path data = folder.resolve("postgres");
			if (fresh) {
				deleteRecursively(data);
			}
			stopLeftBehindServer(data);
			Files.createDirectories(data);
			long started = System.nanoTime();
			EmbeddedPostgres server = EmbeddedPostgres.builder()
					.setDataDirectory(data)
					.setCleanDataDirectory(false)
					// stopped by the last context that lets go, after its beans have used the database
					// for the last time; zonky's own hook would race Spring's shutdown
					.setRegisterShutdownHook(false)
					.setPort(port)
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("max_connections", Integer.toString(maxConnections))
					.setServerConfig("shared_buffers", "256MB")
					.setServerConfig("timezone", "UTC")
					// bulk loads (an import, the demo city) write gigabytes: fewer checkpoints, so fewer pages
					// written twice (a page's first change after a checkpoint goes to the WAL whole)
					.setServerConfig("max_wal_size", "4GB")
					// zonky starts PostgreSQL for throw-away test data (fsync and synchronous commit off);
					// Wenming's data is real, so a committed record must survive a power cut
					.setServerConfig("fsync", durable ? "on" : "off")
					.setServerConfig("synchronous_commit", durable ? "on" : "off")
					.start();
			log.info("Embedded PostgreSQL started in {} ms on port {} with data in {}",
					(System.nanoTime() - started) / 1_000_000, server.getPort(), data);
			return new Lease(server, channel, lock);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + folder
					+ " (set WENMING_DATA_DIR to use another folder)", ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(channel);
			throw ex;
		}
	}

	/**
	 * We hold the folder's lock, so no live Wenming owns a PostgreSQL running on it: one that is still
	 * running was left behind by a Wenming that was killed. Ask it to shut down (it finishes cleanly:
	 * committed data is kept) and wait for it.
	 */
	private static void stopLeftBehindServer(Path data) throws IOException {
		Path pidFile = data.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
			return;
		}
		Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
				.filter(ProcessHandle::isAlive)
				.filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		if (postmaster.isEmpty()) {
			return;
		}
		log.warn("A PostgreSQL left running on {} by an earlier Wenming that did not stop cleanly is being shut down",
				data);
		postmaster.get().destroy();
		try {
			postmaster.get().onExit().get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("The PostgreSQL left running on " + data + " (pid "
					+ postmaster.get().pid() + ") did not stop; stop it by hand and start Wenming again", ex);
		}
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
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ignored) {
				// nothing more to do: the lock goes with the channel
			}
		}
	}

	private static final class Lease {

		final EmbeddedPostgres server;

		final FileChannel channel;

		final FileLock lock;

		int holders;

		boolean startedAhead;

		Lease(EmbeddedPostgres server, FileChannel channel, FileLock lock) {
			this.server = server;
			this.channel = channel;
			this.lock = lock;
		}

		void close(Path folder) {
			try {
				server.close();
				log.info("Embedded PostgreSQL in {} stopped", folder);
			}
			catch (IOException ex) {
				log.warn("Embedded PostgreSQL in {} did not stop cleanly: {}", folder, ex.getMessage());
			}
			finally {
				try {
					lock.release();
				}
				catch (IOException ignored) {
					// released with the channel below
				}
				closeQuietly(channel);
			}
		}
	}
}
