package org.wenming.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Keeps the yearly partitions of the time-partitioned tables (sign-ups, attendance, the ledger's day
 * totals, case events; see docs/notes/distribution.md) one year ahead, and moves rows that landed in a
 * table's default partition (a date far in the past or future) into a partition of their own year.
 * The work is the database's {@code platform_maintain_partitions}, which serializes itself with an
 * advisory lock, so several nodes running it at once only wait for each other.
 */
@Component
public class TimePartitions {

	private static final Logger log = LoggerFactory.getLogger(TimePartitions.class);

	/** This year's partition and the next year's, so the year's turn never waits for the job. */
	static final int YEARS_AHEAD = 1;

	private final JdbcClient jdbc;

	TimePartitions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Nightly, on one node of the cluster (the functions' advisory lock would only make a second run wait). */
	@Scheduled(cron = "0 17 3 * * *", zone = "Asia/Shanghai")
	@SchedulerLock(name = "time-partitions", lockAtMostFor = "30m", lockAtLeastFor = "5m")
	public void nightly() {
		maintain();
	}

	/** @return how many partitions were made */
	@Transactional
	public int maintain() {
		int made = jdbc.sql("select platform_maintain_partitions(:ahead)").param("ahead", YEARS_AHEAD)
			.query(Integer.class).single();
		if (made > 0) {
			log.info("time partitions: {} yearly partitions made", made);
		}
		return made;
	}
}
