package org.wenming;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Wenming: the open platform a city runs for its civilization-practice network. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WenmingApplication {

	public static void main(String[] args) {
		// java -jar wenming.jar ledger verify: a command without the web server (see LedgerCommand)
		if (org.wenming.ledger.LedgerCommand.matches(args)) {
			System.exit(org.wenming.ledger.LedgerCommand.run(WenmingApplication.class, args));
		}
		if (org.wenming.casework.CaseStatisticsCommand.matches(args)) {
			System.exit(org.wenming.casework.CaseStatisticsCommand.run(WenmingApplication.class, args));
		}
		if (org.wenming.insight.InsightCommand.matches(args)) {
			System.exit(org.wenming.insight.InsightCommand.run(WenmingApplication.class, args));
		}
		// java -jar wenming.jar demo --scale small: generate the demo city and exit (see DemoCommand)
		if (org.wenming.demo.DemoCommand.matches(args)) {
			System.exit(org.wenming.demo.DemoCommand.run(WenmingApplication.class, args));
		}
		application().run(args);
	}

	/** The server as {@code main} starts it: its embedded PostgreSQL started beside the context's own start. */
	public static SpringApplication application() {
		SpringApplication application = new SpringApplication(WenmingApplication.class);
		application.addListeners(new org.wenming.platform.EmbeddedDatabaseHeadStart());
		return application;
	}
}
