package org.wenming.platform;

import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Run in a child JVM by a test: starts PostgreSQL on a data folder and dies without stopping it,
 * as a Wenming killed with SIGKILL would.
 */
public final class LeftBehindPostgres {

	private LeftBehindPostgres() {
	}

	public static void main(String[] args) throws Exception {
		EmbeddedPostgres.builder().setDataDirectory(Path.of(args[0])).setCleanDataDirectory(false)
				.setRegisterShutdownHook(false).start();
		Runtime.getRuntime().halt(0);
	}
}
