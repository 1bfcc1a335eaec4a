package org.wenming.platform;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started for a command ({@code java -jar wenming.jar ledger verify}, {@code insight
 * check}, {@code casework statistics-rebuild}, {@code demo --scale full}): the servlet context is built,
 * because the security configuration needs it, but no port is opened, so no request can arrive; quiet
 * logs, no banner; outstanding events are left for the server; no timed jobs; no demo city. It uses the
 * same database as the server (the embedded one in the data folder, or WENMING_DB_URL).
 */
public final class CommandContext {

	private CommandContext() {
	}

	/** Starts the application with the caller's {@code --name=value} options. */
	public static ConfigurableApplicationContext start(Class<?> application, List<String> options) {
		return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(arguments(options));
	}

	/** The caller's options, then the command's own: last, so that no option can switch the port back on. */
	public static String[] arguments(List<String> options) {
		List<String> arguments = new ArrayList<>(options);
		arguments.addAll(List.of("--server.port=-1", "--logging.level.root=WARN", "--logging.level.org.wenming=WARN",
				"--spring.modulith.events.republish-outstanding-events-on-restart=false",
				"--wenming.demo.on-first-start=none", "--wenming.scheduling.enabled=false"));
		return arguments.toArray(String[]::new);
	}
}
