package org.wenming.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * Rows a module keeps only for a while (old security events, check-in idempotency keys, applied-event
 * keys, completed event publications). The owning module declares one as a bean, with its own rule for
 * what may go; {@link RetentionJobs} schedules every one in city time, deletes in batches, logs the
 * outcome and counts it in the {@code wenming.retention.deleted} metric.
 */
public interface RetentionJob {

	/** Short name for the log and the metric's {@code job} tag, e.g. {@code security-audit}. */
	String name();

	/** When to purge: a Spring cron expression in Asia/Shanghai time, or {@code -} for never. */
	String cron();

	/** Rows older than this are purged. */
	Duration retention();

	/**
	 * Deletes at most {@code limit} rows older than {@code before} (the module's own rule may keep some
	 * of them longer) in one statement of the module's own table.
	 *
	 * @return how many rows were deleted; fewer than {@code limit} ends the run
	 */
	int deleteBatch(Instant before, int limit);
}
