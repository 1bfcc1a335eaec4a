package org.wenming.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenming.support.WenmingTest;

/** The command line: what it recognises, that it never opens a port, and what verify and check print. */
@WenmingTest
class LedgerCommandTest {

	@Autowired
	ServiceLedger ledger;

	@Autowired
	org.wenming.ledger.transparency.LedgerTree tree;

	@Test
	void recognisesLedgerCommandsOnly() {
		assertThat(LedgerCommand.matches(new String[] { "ledger", "verify" })).isTrue();
		assertThat(LedgerCommand.matches(new String[] { "ledger" })).isFalse();
		assertThat(LedgerCommand.matches(new String[] { "--server.port=9000" })).isFalse();
		assertThat(LedgerCommand.run(LedgerCommandTest.class, new String[] { "ledger", "erase" }))
			.isEqualTo(LedgerCommand.ERROR);
		// the benchmarks that write records that stay are not in the application (bench/ledger.sh runs them from test code)
		for (String bench : List.of("bench-append", "bench-chain")) {
			assertThat(LedgerCommand.run(LedgerCommandTest.class, new String[] { "ledger", bench, "--bench-database=yes" }))
				.isEqualTo(LedgerCommand.ERROR);
		}
	}

	@Test
	void theServerPortIsSwitchedOffLastSoNoOptionCanTurnItOn() {
		List<String> arguments = List.of(org.wenming.platform.CommandContext.arguments(List.of("--server.port=8080")));
		assertThat(arguments.lastIndexOf("--server.port=-1")).isGreaterThan(arguments.indexOf("--server.port=8080"));
		// a command closes no shifts and escalates no cases while it runs
		assertThat(arguments).contains("--wenming.scheduling.enabled=false");
	}

	@Test
	void verifyAndCheckPrintTheirVerdictAndExitAccordingly() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		tree.integrate();
		int status = LedgerCommand.verify(ledger, tree, new PrintStream(out, true, StandardCharsets.UTF_8));
		String printed = out.toString(StandardCharsets.UTF_8);
		assertThat(printed).startsWith("verifying ");
		assertThat(status == LedgerCommand.OK)
			.isEqualTo(printed.contains("ledger chain intact") && !printed.contains("MISMATCH"));
		// after the chain, one line per city's tree
		assertThat(printed.lines().filter(line -> line.startsWith("tree ")).count()).isEqualTo(tree.cities().size());
		if (!tree.cities().isEmpty()) {
			assertThat(printed).containsPattern("(?m)^tree \\d{4}: \\d+ leaves, root ");
		}
		assertThat(status == LedgerCommand.BROKEN)
			.isEqualTo(printed.contains("ledger chain BROKEN at seq") || printed.contains("MISMATCH"));
		out.reset();
		status = LedgerCommand.check(ledger, new PrintStream(out, true, StandardCharsets.UTF_8));
		printed = out.toString(StandardCharsets.UTF_8);
		assertThat(status == LedgerCommand.OK).isEqualTo(printed.contains("totals match the records"));
	}
}
