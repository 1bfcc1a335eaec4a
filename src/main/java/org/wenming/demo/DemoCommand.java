package org.wenming.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.platform.CommandContext;

/**
 * The demo city's command line: {@code java -jar wenming.jar demo --scale tiny|small|full [--seed N]
 * [--as-of yyyy-MM-dd] [--alongside-existing] [--city NNNN]}. Like the ledger's commands it starts the application
 * without an HTTP port, against the same database as the server (stop the server first with the
 * embedded database), generates, prints progress and the figures, and exits: 0 when the city was
 * generated, 1 when the parameters or the database were refused (nothing changed) or the run failed
 * (rolled back).
 */
public final class DemoCommand {

	public static final int OK = 0;

	public static final int ERROR = 1;

	private DemoCommand() {
	}

	public static boolean matches(String[] args) {
		return args.length >= 1 && "demo".equals(args[0]);
	}

	/** Parsed options; the Spring options (--server.port=…) pass through. */
	record Options(DemoScale scale, long seed, LocalDate asOf, boolean alongside, String city, List<String> spring) {
	}

	/** @throws DemoRefusedException naming the option at fault */
	static Options parse(String[] args) {
		DemoScale scale = null;
		long seed = DemoCity.DEFAULT_SEED;
		LocalDate asOf = null;
		boolean alongside = false;
		String city = null;
		List<String> spring = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
			String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
			switch (name) {
				case "--scale", "--seed", "--as-of", "--city" -> {
					if (value == null) {
						value = i + 1 < args.length ? args[++i] : "";
					}
					if (name.equals("--scale")) {
						scale = DemoScale.parse(value);
					}
					else if (name.equals("--seed")) {
						seed = seed(value);
					}
					else if (name.equals("--city")) {
						city = city(value);
					}
					else {
						asOf = asOf(value);
					}
				}
				case "--alongside-existing" -> alongside = true;
				default -> {
					if (arg.startsWith("--") && arg.contains("=") && arg.indexOf('.') > 0) {
						spring.add(arg);
					}
					else {
						throw new DemoRefusedException("option", "demo.refused.option", arg);
					}
				}
			}
		}
		if (scale == null) {
			throw new DemoRefusedException("scale", "demo.refused.scale", "");
		}
		return new Options(scale, seed, asOf, alongside, city, spring);
	}

	/** Another city of the catalogue (its 4-digit division code), loaded beside the installation's own. */
	private static String city(String value) {
		if (!value.strip().matches("\\d{4}")) {
			throw new DemoRefusedException("city", "demo.refused.city", value);
		}
		return value.strip();
	}

	private static long seed(String value) {
		try {
			long seed = Long.parseLong(value.strip());
			if (seed < 0) {
				throw new DemoRefusedException("seed", "demo.refused.seed", value);
			}
			return seed;
		}
		catch (NumberFormatException ex) {
			throw new DemoRefusedException("seed", "demo.refused.seed", value);
		}
	}

	private static LocalDate asOf(String value) {
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new DemoRefusedException("asOf", "demo.refused.asOf", value);
		}
	}

	public static int run(Class<?> application, String[] args) {
		Options options;
		try {
			options = parse(args);
		}
		catch (DemoRefusedException refused) {
			System.err.println(DemoMessages.refusal(refused));
			System.err.println(DemoMessages.both("demo.usage"));
			return ERROR;
		}
		try (ConfigurableApplicationContext context = CommandContext.start(application, options.spring())) {
			DemoCity city = context.getBean(DemoCity.class);
			System.out.println("generating the " + options.scale().label() + " demo city"
					+ (options.city() == null ? "" : " " + options.city()) + ", seed " + options.seed()
					+ " (one transaction: nothing is kept unless all of it is)");
			DemoFigures figures = options.asOf() == null && options.city() == null
					? city.generate(options.scale(), options.seed(), options.alongside(), System.out::println)
					: city.generate(options.scale(), options.seed(),
							options.asOf(), options.alongside(),
							options.city(), System.out::println);
			summary(figures, System.out);
			return OK;
		}
		catch (DemoRefusedException refused) {
			System.err.println(DemoMessages.refusal(refused));
			return ERROR;
		}
		catch (RuntimeException ex) {
			System.err.println("demo failed, nothing was kept (rolled back): " + ex);
			return ERROR;
		}
	}

	static void summary(DemoFigures f, PrintStream out) {
		out.println();
		out.printf("demo city generated in %,d ms (scale %s, seed %d, as of %s)%n", f.millis(), f.scale().label(),
				f.seed(), f.asOf());
		out.printf("  volunteers            %,12d%n", f.volunteers());
		out.printf("  teams                 %,12d (county-level practice teams %,d)%n", f.teams(), f.practiceTeams());
		out.printf("  demonstration sites   %,12d%n", f.demonstrationSites());
		out.printf("  activities            %,12d (lectures in %d: %,d, audience %,d)%n", f.activities(),
				f.referenceYear(), f.lectures(), f.lectureAudience());
		out.printf("  service records       %,12d%n", f.records());
		out.printf("  service hours         %,14.1f%n", f.hours());
		out.printf("  cases                 %,12d%n", f.cases());
		for (Map.Entry<String, Integer> e : new TreeMap<>(f.casesFound()).entrySet()) {
			int closed = f.casesClosed().getOrDefault(e.getKey(), 0);
			out.printf("    %-18s %,6d found, %,6d closed (%s %%)%n", e.getKey(), e.getValue(), closed,
					e.getValue() == 0 ? "-"
							: BigDecimal.valueOf(closed * 1000L / e.getValue(), 1).toPlainString());
		}
		long total = f.rows().values().stream().mapToLong(Long::longValue).sum();
		out.printf("  rows written          %,12d (%,d rows/s overall)%n", total,
				total * 1000 / Math.max(1, f.millis()));
		out.println("  digest                " + f.digest());
		login(f, out);
	}

	/** Printed once, like the first administrator's login. */
	static void login(DemoFigures f, PrintStream out) {
		if (f.login() != null) {
			out.println();
			out.println("  A volunteer login with the most hours in the demo city (shown only now):");
			out.println("    username: " + f.login().username());
			out.println("    password: " + f.login().password());
		}
	}
}
