package org.wenming.assessment.observation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.platform.RetentionJob;

/**
 * The phones' idempotency keys and answers ({@code assessment_submission}) serve retries and queued
 * submissions. Those of an open round are all kept, so a submission queued long ago and replayed late is
 * answered, never applied over a later edit; once the round is closed nothing can be written any more,
 * and keys older than the retention go.
 */
@Component
class SubmissionRetention implements RetentionJob {

	private final JdbcClient jdbc;

	private final ObservationProperties properties;

	SubmissionRetention(JdbcClient jdbc, ObservationProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Override
	public String name() {
		return "assessment-submissions";
	}

	@Override
	public String cron() {
		return properties.submissionPurgeCron();
	}

	@Override
	public Duration retention() {
		return properties.submissionRetention();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from assessment_submission where idempotency_key in (
				    select s.idempotency_key from assessment_submission s
				    where s.received_at < :before
				      and not exists (select 1 from assessment_round r where r.id = s.round_id and r.status = 'OPEN')
				    limit :limit)""").param("before", Timestamp.from(before)).param("limit", limit).update();
	}
}
