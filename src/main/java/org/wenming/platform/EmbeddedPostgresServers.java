package org.wenming.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per data folder per JVM, shared by every application context that asks
 * for it and stopped when the last one lets go. Tests start many contexts; they must share one
 * server rather than start one each.
 */
final class EmbeddedPostgresServers {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServers.class);

	private static final Map<Path, Lease> LEASES = new HashMap<>();

	private EmbeddedPostgresServers() {
	}

	static synchronized EmbeddedPostgres acquire(Path directory, int port, boolean fresh) {
		Path key = directory.toAbsolutePath().normalize();
		Lease lease = LEASES.get(key);
		if (lease == null) {
			lease = new Lease(start(key, port, fresh));
			LEASES.put(key, lease);
		}
		lease.holders++;
		return lease.server;
	}

	static synchronized void release(Path directory) {
		Path key = directory.toAbsolutePath().normalize();
		Lease lease = LEASES.get(key);
		if (lease == null) {
			return;
		}
		if (--lease.holders == 0) {
			LEASES.remove(key);
			try {
				lease.server.close();
				log.info("Embedded PostgreSQL in {} stopped", key);
			}
			catch (IOException ex) {
				log.warn("Embedded PostgreSQL in {} did not stop cleanly: {}", key, ex.getMessage());
			}
		}
	}

	private static EmbeddedPostgres start(Path directory, int port, boolean fresh) {
		try {
			if (fresh) {
				deleteRecursively(directory);
			}
			Files.createDirectories(directory);
			long started = System.nanoTime();
			EmbeddedPostgres server = EmbeddedPostgres.builder()
					.setDataDirectory(directory)
					.setCleanDataDirectory(false)
					// stopped by the last context that lets go, after its beans have used the database
					// for the last time; zonky's own hook would race Spring's shutdown
					.setRegisterShutdownHook(false)
					.setPort(port)
					.setServerConfig("listen_addresses", "127.0.0.1")
					.setServerConfig("max_connections", "100")
					.setServerConfig("shared_buffers", "256MB")
					.setServerConfig("timezone", "UTC")
					.start();
			log.info("Embedded PostgreSQL started in {} ms on port {} with data in {}",
					(System.nanoTime() - started) / 1_000_000, server.getPort(), directory);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + directory
					+ " (is another Wenming using this folder? set WENMING_DATA_DIR to use another)", ex);
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

	private static final class Lease {

		final EmbeddedPostgres server;

		int holders;

		Lease(EmbeddedPostgres server) {
			this.server = server;
		}
	}
}
