package org.wenming.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.support.WenmingTest;

/** The timed delivery as the application wires it: the configured (log) delivery, under its ShedLock lock. */
@WenmingTest
class NotificationJobsTest {

	@Autowired
	NotificationJobs jobs;

	@Autowired
	Notifier notifier;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theTimedJobDeliversDueNoticesUnderItsLock() {
		String tag = UUID.randomUUID().toString();
		notifier.send(new Notification("servicedesk.order", "13712345678", "SMS_2", Map.of(), "job " + tag));
		int runsBefore = jdbc.sql("select count(*) from job_run where name = 'notification-delivery'").query(Integer.class)
			.single();

		jobs.deliverOnSchedule();

		assertThat(jdbc.sql("select status from notification_outbox where text = :t").param("t", "job " + tag)
			.query(String.class).single()).isEqualTo("SENT");
		assertThat(jdbc.sql("select count(*) from job_run where name = 'notification-delivery'").query(Integer.class)
			.single()).as("run under ShedLock, recorded in job_run").isEqualTo(runsBefore + 1);
	}
}
