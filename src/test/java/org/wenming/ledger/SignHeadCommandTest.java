package org.wenming.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.wenming.WenmingApplication;
import org.wenming.ledger.transparency.TreeHeads;
import org.wenming.support.WenmingTest;

/**
 * {@code ledger sign-head} signs every city's head and prints the checkpoints; {@code ledger witness} needs no
 * application (bad usage answers at once with exit 1, before anything starts).
 */
@WenmingTest
class SignHeadCommandTest {

	@Autowired
	TreeHeads heads;

	@Test
	void signHeadSignsEveryCityWithATree() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = LedgerCommand.signHeads(heads, new PrintStream(out, true, StandardCharsets.UTF_8));
		String printed = out.toString(StandardCharsets.UTF_8);
		for (String city : heads.cities()) {
			if (printed.contains("NOT signed: city " + city)) {
				continue; // a city another test rewrote on purpose
			}
			assertThat(printed).contains("signed city " + city).contains("city " + city + "\nsize ");
		}
		assertThat(status).isIn(LedgerCommand.OK, LedgerCommand.BROKEN);
		assertThat(status == LedgerCommand.BROKEN).isEqualTo(printed.contains("NOT signed"));
	}

	@Test
	void theWitnessStartsNoApplication() {
		long started = System.nanoTime();
		assertThat(LedgerCommand.run(WenmingApplication.class, new String[] { "ledger", "witness" })).isEqualTo(LedgerCommand.ERROR);
		assertThat(LedgerCommand.run(WenmingApplication.class, new String[] { "ledger", "witness", "--url", "ftp://x", "--state",
				"/tmp/none" })).isEqualTo(LedgerCommand.ERROR);
		// no context was started: well under the seconds an application start takes
		assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_000);
	}
}
