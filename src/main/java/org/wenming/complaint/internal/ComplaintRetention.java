package org.wenming.complaint.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.complaint.ComplaintProperties;
import org.wenming.platform.RetentionJob;

/**
 * The complaints' retention rules, as two of the platform's retention jobs (each run takes its job's lock, so one
 * node purges per period, and a second run finds nothing more to delete): a dismissed complaint is deleted
 * {@code dismissed-retention} after its decision, an upheld one {@code upheld-retention} after; their steps go
 * with them. Open complaints are never deleted.
 */
@Configuration(proxyBeanMethods = false)
class ComplaintRetention {

	@Bean
	RetentionJob dismissedComplaints(JdbcClient jdbc, ComplaintProperties properties) {
		return new Rule(jdbc, "complaints-dismissed", "DISMISSED", properties.dismissedRetention(), properties.purgeCron());
	}

	@Bean
	RetentionJob upheldComplaints(JdbcClient jdbc, ComplaintProperties properties) {
		return new Rule(jdbc, "complaints-upheld", "UPHELD", properties.upheldRetention(), properties.purgeCron());
	}

	/** Deletes the complaints of one outcome decided before the cut-off. */
	record Rule(JdbcClient jdbc, String name, String status, Duration retention, String cron) implements RetentionJob {

		@Override
		public int deleteBatch(Instant before, int limit) {
			return jdbc.sql("""
					delete from complaint where id in (
					    select id from complaint where status = :status and decided_at < :before
					    order by decided_at limit :limit for update skip locked)""").param("status", status)
				.param("before", Timestamp.from(before)).param("limit", limit).update();
		}
	}
}
