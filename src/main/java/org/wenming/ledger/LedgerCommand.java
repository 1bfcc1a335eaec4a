package org.wenming.ledger;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.ledger.transparency.LedgerTree;
import org.wenming.ledger.transparency.TreeCheck;
import org.wenming.platform.CommandContext;

/**
 * The ledger's command line: {@code java -jar wenming.jar ledger verify|check|sign-head}, and the witness
 * {@code ledger witness --url … --state DIR}, which starts no application at all. (The benchmarks that
 * append records are not part of the application: bench/ledger.sh runs them from the test code.)
 *
 * <p>A command starts the application without a port ({@link org.wenming.platform.CommandContext}),
 * against the same database the server uses, runs, prints its result and exits: 0 when all is well, 2 when the chain is broken, a city's transparency-log root differs from its records or totals differ, 1 on
 * error or bad usage. With the embedded database, stop the server first (both would use the same
 * data folder); with an external database the command can run next to the server.
 */
public final class LedgerCommand {

	public static final int OK = 0;

	public static final int ERROR = 1;

	public static final int BROKEN = 2;

	private LedgerCommand() {
	}

	/** Whether the arguments ask for a ledger command rather than the server. */
	public static boolean matches(String[] args) {
		return args.length >= 2 && "ledger".equals(args[0]);
	}

	/** Runs the command and returns the exit status. */
	public static int run(Class<?> application, String[] args) {
		String command = args[1];
		String[] rest = Arrays.copyOfRange(args, 2, args.length);
		if ("witness".equals(command)) {
			// no application, no database: the witness only talks HTTP to an installation
			return org.wenming.ledger.transparency.witness.Witness.run(rest, System.out, System.err);
		}
		if (!List.of("verify", "check", "sign-head").contains(command)) {
			System.err.println("usage: java -jar wenming.jar ledger verify|check|sign-head [--option=value ...]");
			System.err.println("       java -jar wenming.jar ledger witness --url https://… --state DIR [--key FILE.pem] [--city 4412]");
			return ERROR;
		}
		try (ConfigurableApplicationContext context = CommandContext.start(application, List.of(rest))) {
			return switch (command) {
				case "verify" -> verify(context.getBean(ServiceLedger.class), context.getBean(LedgerTree.class), System.out);
				case "sign-head" -> signHeads(context.getBean(org.wenming.ledger.transparency.TreeHeads.class), System.out);
				default -> check(context.getBean(ServiceLedger.class), System.out);
			};
		}
		catch (RuntimeException ex) {
			System.err.println("ledger " + command + " failed: " + ex);
			return ERROR;
		}
	}

	/**
	 * The options given, after ours: command-line arguments outrank application.yml (which sets
	 * server.port from PORT), and a later duplicate wins, so the port cannot be switched back on.
	 */
	static int verify(ServiceLedger ledger, LedgerTree tree, PrintStream out) {
		long length = ledger.length();
		out.println("verifying " + length + " records...");
		ChainVerdict verdict = ledger.verify(checked -> System.err.printf("  %,d of %,d (%d%%)%n", checked, length,
				length == 0 ? 100 : checked * 100 / length));
		out.println(verdict.describe());
		// then the transparency log: each city's root recomputed from its records as stored now
		boolean trees = true;
		for (TreeCheck check : tree.recomputeAll()) {
			trees &= check.intact();
			out.println(describe(check));
		}
		return verdict.intact() && trees ? OK : BROKEN;
	}

	/** Signs every city's tree head now; 2 when a city's tree disagrees with its previous head (that city is not signed). */
	static int signHeads(org.wenming.ledger.transparency.TreeHeads heads, PrintStream out) {
		int status = OK;
		List<String> cities = heads.integratedCities();
		if (cities.isEmpty()) {
			out.println("no city has records yet: nothing to sign");
		}
		for (String city : cities) {
			try {
				org.wenming.ledger.transparency.SignedHead head = heads.signNow(city);
				out.println("signed city " + city + " size " + head.size() + " key " + head.keyId());
				out.print(head.checkpoint());
			}
			catch (org.wenming.ledger.transparency.LedgerInconsistentException ex) {
				out.println("NOT signed: " + ex.getMessage());
				status = BROKEN;
			}
		}
		return status;
	}

	static String describe(TreeCheck check) {
		String head = "tree " + check.cityCode() + ": " + check.size() + " leaves, ";
		return check.intact() ? head + "root " + HEX.formatHex(check.stored()) + " intact (" + check.millis() + " ms)"
				: head + "root MISMATCH: stored " + HEX.formatHex(check.stored()) + ", the records give "
						+ HEX.formatHex(check.recomputed()) + " (" + check.millis() + " ms)";
	}

	private static final java.util.HexFormat HEX = java.util.HexFormat.of();

	static int check(ServiceLedger ledger, PrintStream out) {
		List<TotalsDifference> differences = ledger.checkTotals();
		differences.forEach(d -> out.println("  " + d));
		out.println(differences.isEmpty() ? "totals match the records" : differences.size() + " differences"
				+ (differences.size() >= org.wenming.ledger.internal.TotalsCheck.LISTED_MAX ? " (or more)" : ""));
		return differences.isEmpty() ? OK : BROKEN;
	}
}
