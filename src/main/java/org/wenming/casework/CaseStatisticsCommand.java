package org.wenming.casework;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.platform.CommandContext;

/**
 * The statistics cells' command line: {@code java -jar wenming.jar casework statistics-rebuild}
 * (recount every cell from the cases, e.g. after cases were loaded with SQL or COPY) and
 * {@code casework statistics-check} (compare the cells with a recount). Like the ledger's commands:
 * no HTTP connector, the server's database (with the embedded one, stop the server first; with an
 * external one, WENMING_DB_URL, it can run next to the server); exit 0 when all is well, 2 when
 * cells differ, 1 on error or bad usage.
 */
public final class CaseStatisticsCommand {

	public static final int OK = 0;

	public static final int ERROR = 1;

	public static final int DIFFERENT = 2;

	private static final List<String> COMMANDS = List.of("statistics-rebuild", "statistics-check");

	private CaseStatisticsCommand() {
	}

	/** Whether the arguments ask for a casework command rather than the server. */
	public static boolean matches(String[] args) {
		return args.length >= 2 && "casework".equals(args[0]);
	}

	/** Runs the command and returns the exit status. */
	public static int run(Class<?> application, String[] args) {
		String command = args[1];
		if (!COMMANDS.contains(command)) {
			System.err.println("usage: java -jar wenming.jar casework statistics-rebuild|statistics-check [--option=value ...]");
			return ERROR;
		}
		try (ConfigurableApplicationContext context = CommandContext.start(application,
				Arrays.asList(args).subList(2, args.length))) {
			CaseStatisticsCells cells = context.getBean(CaseStatisticsCells.class);
			return "statistics-rebuild".equals(command) ? rebuild(cells, System.out) : check(cells, System.out);
		}
		catch (RuntimeException ex) {
			System.err.println("casework " + command + " failed: " + ex);
			return ERROR;
		}
	}

	static int rebuild(CaseStatisticsCells cells, PrintStream out) {
		long started = System.nanoTime();
		cells.rebuild();
		out.printf("statistics cells rebuilt from the cases in %.1f s%n", (System.nanoTime() - started) / 1e9);
		return OK;
	}

	static int check(CaseStatisticsCells cells, PrintStream out) {
		List<CaseStatisticsCells.CellDifference> differences = cells.check();
		differences.forEach(d -> out.println("  " + d));
		out.println(differences.isEmpty() ? "the statistics cells equal a recount of the cases"
				: differences.size() + " differences" + (differences.size() >= 100 ? " (or more)" : ""));
		return differences.isEmpty() ? OK : DIFFERENT;
	}
}
