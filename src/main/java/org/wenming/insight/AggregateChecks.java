package org.wenming.insight;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Runs the check and keeps each run's result (for the staff page and the command line). */
@Service
public class AggregateChecks {

	/** Differences kept in a run's detail. */
	static final int DETAIL_MAX = 50;

	private final InsightAggregates aggregates;

	private final JdbcClient jdbc;

	private final Clock clock;

	AggregateChecks(InsightAggregates aggregates, JdbcClient jdbc, Clock clock) {
		this.aggregates = aggregates;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Checks now and records the result. */
	public CheckResult run(String runBy) {
		OffsetDateTime started = OffsetDateTime.now(clock);
		List<InsightAggregates.AggregateDifference> differences = aggregates.check();
		OffsetDateTime finished = OffsetDateTime.now(clock);
		String detail = differences.stream().limit(DETAIL_MAX).map(Object::toString).collect(Collectors.joining("\n"));
		long id = jdbc.sql("""
				insert into insight_check_run (started_at, finished_at, differences, detail, run_by)
				values (:started, :finished, :differences, :detail, :by) returning id""")
			.param("started", started).param("finished", finished).param("differences", differences.size())
			.param("detail", detail).param("by", runBy).query(Long.class).single();
		return new CheckResult(new CheckRun(id, started, finished, differences.size(), detail, runBy), differences);
	}

	public Optional<CheckRun> last() {
		return jdbc.sql("""
				select id, started_at, finished_at, differences, detail, run_by from insight_check_run
				order by id desc limit 1""")
			.query((rs, n) -> new CheckRun(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
					rs.getObject(3, OffsetDateTime.class), rs.getInt(4), rs.getString(5), rs.getString(6)))
			.optional();
	}

	public record CheckResult(CheckRun run, List<InsightAggregates.AggregateDifference> differences) {
	}
}
