package org.wenming.platform;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A {@link RetentionJob} whose whole rule is one delete statement of the module's own table, with the bound
 * parameters {@code :before} (a {@code timestamptz}) and {@code :limit} (the batch), for example
 * {@code delete from t where k in (select k from t where expires_at < :before limit :limit)}. A module declares
 * one as a bean; a rule that needs more than the statement implements {@link RetentionJob} itself.
 *
 * @param name short name for the log and the metric
 * @param cron when to purge (Asia/Shanghai), or {@code -} for never
 * @param retention rows older than this go
 * @param delete the statement: deletes at most {@code :limit} rows older than {@code :before}
 */
public record SqlRetentionJob(String name, String cron, Duration retention, JdbcClient jdbc, String delete)
		implements RetentionJob {

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql(delete).param("before", OffsetDateTime.ofInstant(before, ZoneOffset.UTC))
			.param("limit", limit).update();
	}

	@Override
	public String toString() {
		return "SqlRetentionJob[" + name + "]";
	}
}
