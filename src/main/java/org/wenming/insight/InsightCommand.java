package org.wenming.insight;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.platform.CommandContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dashboards' command line: {@code java -jar wenming.jar insight check|rebuild}. Started like
 * the ledger's (no HTTP port, no banner, outstanding events left for the server; see
 * {@code LedgerCommand}). {@code check} recounts every aggregate from the raw records and lists
 * the differences: exit 0 when all agree, 2 when some differ, 1 on error or bad usage.
 * {@code rebuild} replaces the aggregates with the recount in one transaction (exit 0, or 1).
 */
public final class InsightCommand {

	public static final int OK = 0;

	public static final int ERROR = 1;

	public static final int DIFFERENT = 2;

	private InsightCommand() {
	}

	public static boolean matches(String[] args) {
		return args.length >= 2 && "insight".equals(args[0]);
	}

	public static int run(Class<?> application, String[] args) {
		String command = args[1];
		if (!List.of("check", "rebuild").contains(command)) {
			System.err.println("usage: java -jar wenming.jar insight check|rebuild [--option=value ...]");
			return ERROR;
		}
		try (ConfigurableApplicationContext context = CommandContext.start(application,
				List.of(Arrays.copyOfRange(args, 2, args.length)))) {
			return "check".equals(command) ? check(context.getBean(AggregateChecks.class), System.out)
					: rebuild(context.getBean(InsightAggregates.class),
							new TransactionTemplate(context.getBean(PlatformTransactionManager.class)), System.out);
		}
		catch (RuntimeException ex) {
			System.err.println("insight " + command + " failed: " + ex);
			return ERROR;
		}
	}

	static int check(AggregateChecks checks, PrintStream out) {
		long started = System.nanoTime();
		AggregateChecks.CheckResult result = checks.run("command");
		result.differences().stream().limit(1_000).forEach(d -> out.println("  " + d));
		long ms = (System.nanoTime() - started) / 1_000_000;
		out.println(result.differences().isEmpty() ? "aggregates agree with the records (" + ms + " ms)"
				: result.differences().size() + " differences (" + ms + " ms)");
		return result.differences().isEmpty() ? OK : DIFFERENT;
	}

	static int rebuild(InsightAggregates aggregates, TransactionTemplate transactions, PrintStream out) {
		long started = System.nanoTime();
		transactions.executeWithoutResult(status -> aggregates.rebuild());
		out.println("aggregates rebuilt from the records (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
		return OK;
	}
}
