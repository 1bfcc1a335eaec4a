package org.wenming.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.support.WenmingTest;

/** The command line: what it recognises, the exit codes of check and rebuild, and the recorded run. */
@WenmingTest
class InsightCommandTest {

	@Autowired
	AggregateChecks checks;

	@Autowired
	InsightAggregates aggregates;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recognisesInsightCommandsOnly() {
		assertThat(InsightCommand.matches(new String[] { "insight", "check" })).isTrue();
		assertThat(InsightCommand.matches(new String[] { "insight" })).isFalse();
		assertThat(InsightCommand.matches(new String[] { "ledger", "check" })).isFalse();
		assertThat(InsightCommand.run(InsightCommandTest.class, new String[] { "insight", "erase" }))
			.isEqualTo(InsightCommand.ERROR);
		List<String> arguments = List.of(org.wenming.platform.CommandContext.arguments(List.of("--server.port=8080")));
		assertThat(arguments.lastIndexOf("--server.port=-1")).isGreaterThan(arguments.indexOf("--server.port=8080"));
	}

	@Test
	void rebuildThenCheckExitsZeroAndADifferenceExitsTwo() {
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(InsightCommand.rebuild(aggregates, transactions, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(InsightCommand.OK);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("aggregates rebuilt");
		out.reset();
		assertThat(InsightCommand.check(checks, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(InsightCommand.OK);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("aggregates agree with the records");
		assertThat(checks.last()).hasValueSatisfying(run -> assertThat(run.agree()).isTrue());

		jdbc.sql("insert into insight_cell (metric, region_code, month, dim, value) values ('TEAMS', '4412', '2001-01-01', 'X', 3)")
			.update();
		out.reset();
		assertThat(InsightCommand.check(checks, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(InsightCommand.DIFFERENT);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("TEAMS, 4412, 2001-01, X: maintained 3", "1 differences");
		assertThat(checks.last()).hasValueSatisfying(run -> {
			assertThat(run.differences()).isEqualTo(1);
			assertThat(run.detail()).contains("TEAMS, 4412, 2001-01, X");
		});
		jdbc.sql("delete from insight_cell where metric = 'TEAMS' and month = '2001-01-01'").update();
	}
}
