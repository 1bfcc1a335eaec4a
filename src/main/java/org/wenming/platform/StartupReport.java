package org.wenming.platform;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells the person who started Wenming where to find it. */
@Component
class StartupReport {

	private final Environment environment;

	private final PlatformProperties properties;

	StartupReport(Environment environment, PlatformProperties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready(ApplicationReadyEvent event) {
		Integer port = environment.getProperty("local.server.port", Integer.class);
		// a command's context (server.port=-1) opens no port: there is no address to give
		if (port == null || port <= 0) {
			return;
		}
		String url = properties.publicUrlOr("http://localhost:" + port + "/");
		long millis = event.getTimeTaken() == null ? -1 : event.getTimeTaken().toMillis();
		System.out.println();
		System.out.println("  Wenming is ready at " + url + "   (started in " + millis + " ms)");
		System.out.println();
	}
}
