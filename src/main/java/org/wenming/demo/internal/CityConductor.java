package org.wenming.demo.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoFigures;
import org.wenming.demo.DemoPlan;
import org.wenming.demo.DemoRefusedException;
import org.wenming.demo.DemoTally;
import org.wenming.platform.BulkLoadWindow;

/**
 * Conducts the demo city: every module's {@link DemoCityPart} prepares (refusals, locks), then loads
 * its own tables, in the parts' order, in the caller's transaction; the run's row in
 * {@code demo_run} comes last. The parts share one digest, so the same seed, scale, as-of day and
 * starting database give the same digest.
 */
@Component
public class CityConductor {

	private static final HexFormat HEX = HexFormat.of();

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final List<DemoCityPart> parts;

	CityConductor(JdbcClient jdbc, DataSource dataSource, List<DemoCityPart> parts) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.parts = parts.stream().sorted(Comparator.comparingInt(DemoCityPart::order)).toList();
		for (int i = 1; i < this.parts.size(); i++) {
			if (this.parts.get(i).order() == this.parts.get(i - 1).order()) {
				// the digest follows the order of the parts: it must not depend on how beans are found
				throw new IllegalStateException("demo city parts " + this.parts.get(i - 1).getClass().getName() + " and "
						+ this.parts.get(i).getClass().getName() + " have the same order " + this.parts.get(i).order());
			}
		}
	}

	/** Whether the database is one the first start fills: no demo city, and no part's module holds data. */
	public boolean isEmpty() {
		boolean noRun = jdbc.sql("select not exists (select 1 from demo_run)").query(Boolean.class).single();
		return noRun && parts.stream().allMatch(DemoCityPart::isEmpty);
	}

	/** The parts in the order they run. */
	public List<DemoCityPart> parts() {
		return parts;
	}

	/**
	 * @param progress told what is done, a line at a time
	 * @param afterStep called with each step's name once it is written (tests make it fail midway)
	 * @throws DemoRefusedException when the database is not one to generate into
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public DemoFigures generate(DemoPlan plan, Consumer<String> progress, Consumer<String> afterStep) {
		Run run = new Run(plan, progress, afterStep);
		jdbc.sql("select pg_advisory_xact_lock(4412006)").query((rs, n) -> 1).list();
		boolean checked = false;
		for (DemoCityPart part : parts) {
			part.prepare(run);
			if (!checked && run.tally.city() != null) {
				// one run per city: another city's data may join the database (province-scale load), the same city's not
				checked = true;
				Long runs = jdbc.sql("select count(*) from demo_run where city_code = :city")
						.param("city", run.tally.city()).query(Long.class).single();
				if (runs > 0) {
					throw new DemoRefusedException("database", "demo.refused.exists", run.tally.city());
				}
			}
		}
		if (!checked) {
			throw new IllegalStateException("no demo city part said which city is generated");
		}
		for (DemoCityPart part : parts) {
			part.load(run);
		}
		run.step("finish", run::finish);
		return run.figures;
	}

	private final class Run implements DemoCityRun {

		final DemoPlan plan;

		final Consumer<String> progress;

		final Consumer<String> afterStep;

		final long started = System.nanoTime();

		final Instant startedAt = Instant.now();

		final MessageDigest digest;

		final Connection connection;

		final Map<String, Long> rows = new LinkedHashMap<>();

		final Map<Class<?>, Object> facts = new HashMap<>();

		final DemoTally tally = new DemoTally();

		final List<Runnable> atEnd = new ArrayList<>();

		DemoFigures figures;

		Run(DemoPlan plan, Consumer<String> progress, Consumer<String> afterStep) {
			this.plan = plan;
			this.progress = progress;
			this.afterStep = afterStep;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
			this.connection = DataSourceUtils.getConnection(dataSource);
		}

		@Override
		public DemoPlan plan() {
			return plan;
		}

		@Override
		public SplittableRandom random(String name) {
			return new SplittableRandom(plan.seed() * 0x9E3779B97F4A7C15L + name.hashCode());
		}

		@Override
		public void step(String name, Runnable body) {
			long t0 = System.nanoTime();
			body.run();
			progress.accept(String.format("  %-11s done in %,d ms (%,d ms elapsed)", name,
					(System.nanoTime() - t0) / 1_000_000, (System.nanoTime() - started) / 1_000_000));
			afterStep.accept(name);
		}

		@Override
		public void progress(String line) {
			progress.accept(line);
		}

		@Override
		public void counted(String table, long count, long startNanos) {
			rows.merge(table, count, Long::sum);
			long ms = Math.max(1, (System.nanoTime() - startNanos) / 1_000_000);
			progress.accept(String.format("    %-22s %,12d rows  %,10d rows/s", table, count, count * 1000 / ms));
		}

		@Override
		public CopyRows copy(String table, List<String> columns) {
			return new CopyRows(connection, table, columns, digest);
		}

		@Override
		public void digest(byte[] bytes) {
			digest.update(bytes);
		}

		@Override
		public BulkLoadWindow bulkLoadWindow(List<String> tables, List<String> foreignKeysOnly) {
			return BulkLoadWindow.open(jdbc, tables, foreignKeysOnly);
		}

		@Override
		public void atEnd(Runnable work) {
			atEnd.add(work);
		}

		@Override
		public DemoTally tally() {
			return tally;
		}

		@Override
		public <T> void put(Class<T> type, T fact) {
			if (facts.putIfAbsent(type, fact) != null) {
				throw new IllegalStateException("a demo city fact " + type.getName() + " was left twice");
			}
		}

		@Override
		public <T> T get(Class<T> type) {
			Object fact = facts.get(type);
			if (fact == null) {
				throw new IllegalStateException("no demo city part left a " + type.getName()
						+ " before it was needed: the part that makes it must run earlier");
			}
			return type.cast(fact);
		}

		void finish() {
			atEnd.forEach(Runnable::run);
			String hex = HEX.formatHex(digest.digest());
			jdbc.sql("""
					insert into demo_run (scale, seed, as_of, started_at, finished_at, volunteers, teams, activities,
					    records, hours, cases, digest, city_code)
					values (:scale, :seed, :asOf, :started, now(), :volunteers, :teams, :activities, :records, :hours,
					    :cases, :digest, :city)""")
					.param("scale", plan.scale().name()).param("seed", plan.seed()).param("asOf", plan.asOf())
					.param("started", Timestamp.from(startedAt)).param("volunteers", tally.volunteers())
					.param("teams", tally.teams()).param("activities", tally.activities())
					.param("records", tally.records()).param("hours", tally.hours()).param("cases", tally.cases())
					.param("digest", hex).param("city", tally.city()).update();
			figures = tally.figures(plan, rows, hex, (System.nanoTime() - started) / 1_000_000);
		}
	}
}
