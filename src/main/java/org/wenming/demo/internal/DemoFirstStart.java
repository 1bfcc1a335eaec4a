package org.wenming.demo.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCity;
import org.wenming.demo.DemoFigures;
import org.wenming.demo.DemoProperties;
import org.wenming.demo.DemoRefusedException;
import org.wenming.demo.DemoScale;

/**
 * At the server's first start (no demo city and no volunteers yet) generates the city that
 * {@code wenming.demo.on-first-start} names ({@code small} by default, {@code tiny}, or {@code none}),
 * and says so on the console. Commands (ledger, demo) start without a port and never generate here.
 */
@Component
@EnableConfigurationProperties(DemoProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class DemoFirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoFirstStart.class);

	private final DemoCity city;

	private final Environment environment;

	private final DemoScale scale;

	DemoFirstStart(DemoCity city, Environment environment, DemoProperties properties) {
		this.city = city;
		this.environment = environment;
		// checked at start (DemoProperties is validated): a value other than small, tiny or none stops it
		this.scale = properties.firstStartScale();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (scale == null || "-1".equals(environment.getProperty("server.port")) || !city.isEmpty()) {
			return;
		}
		System.out.println();
		System.out.println("  First start: generating the " + scale.label() + " demo city of Zhaoqing (seed "
				+ DemoCity.DEFAULT_SEED + "); set wenming.demo.on-first-start=none to start empty.");
		try {
			DemoFigures figures = city.generate(scale, DemoCity.DEFAULT_SEED, false, line -> System.out.println(line));
			System.out.printf("  Demo city ready in %,d ms: %,d volunteers, %,d teams, %,d service records, %s hours.%n",
					figures.millis(), figures.volunteers(), figures.teams(), figures.records(),
					figures.hours().toPlainString());
			if (figures.login() != null) {
				System.out.println("  A volunteer login with the most hours (shown only now): username "
						+ figures.login().username() + ", password " + figures.login().password());
			}
			System.out.println();
		}
		catch (DemoRefusedException refused) {
			System.out.println("  Demo city not generated: " + refused.getMessage());
		}
		catch (RuntimeException ex) {
			// the server still starts, empty: the run rolled back
			log.error("demo city generation failed and was rolled back", ex);
		}
	}
}
