package org.wenming.platform;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Starts the embedded PostgreSQL as soon as the settings are read, beside the application context's own start
 * (reading the configuration classes, creating the web server), instead of when the first bean asks for the
 * database: a restart is that much shorter (docs/BENCHMARKS.md, "Start-up"). Added by the application's
 * {@code main} only, so that tests and commands start their database as before. With an external database
 * ({@code wenming.db.url}) it does nothing; settings it cannot read are left to the context to report.
 */
public final class EmbeddedDatabaseHeadStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		DatabaseProperties db;
		try {
			db = Binder.get(event.getEnvironment()).bindOrCreate("wenming.db", DatabaseProperties.class);
		}
		catch (RuntimeException unreadable) {
			return;
		}
		if (db.embedded()) {
			EmbeddedPostgresServers.startAhead(db.embeddedDirectory(), db.embeddedPort(), db.embeddedFresh(),
					db.embeddedDurable(), db.embeddedMaxConnections());
		}
	}

	/** After the configuration files and the environment's post-processors: the settings as the context sees them. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}
}
