package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.VolunteerWithdrawn;

/**
 * A publication left incomplete by a node that died is delivered by another node's timed job, without a
 * restart, and has its effect once: the insight counter of a withdrawal (in a month no other test uses)
 * counts a publication whose listener never ran, and does not count again one whose listener had run
 * before its node died (the completion was lost, the effect was not).
 */
@WenmingTest
class EventResubmissionTest {

	static final OffsetDateTime MONTH = OffsetDateTime.of(1987, 6, 15, 10, 0, 0, 0, ZoneOffset.ofHours(8));

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	EventResubmission resubmission;

	/** The withdrawals counted here are in 1987: left behind, they would make 1987 the dashboard's first year for other tests. */
	@org.junit.jupiter.api.AfterEach
	void forgetTheWithdrawals() {
		jdbc.sql("delete from insight_cell where metric = 'VOLUNTEERS_WITHDRAWN' and month = date '1987-06-01'").update();
	}

	@Test
	void aDeadNodesPublicationIsCompletedByTheJobWithItsEffectOnce() throws Exception {
		long first = System.nanoTime() % 1_000_000_000L + 5_000_000_000L;
		transactions.executeWithoutResult(tx -> events.publishEvent(
				new VolunteerWithdrawn(first, "44.4412.441202.", MONTH.minusYears(1), MONTH)));
		UUID delivered = awaitCompleted(first);
		assertThat(withdrawals()).isEqualTo(1);

		// node 1 died after the listener's commit but before the completion was written: incomplete again
		jdbc.sql("""
				update event_publication set completion_date = null, status = 'PROCESSING',
				    publication_date = now() - interval '10 minutes' where id = :id""").param("id", delivered).update();
		// node 2 died right after publishing another withdrawal: its listener never ran
		long second = first + 1;
		UUID neverDelivered = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				    completion_attempts)
				select :new, listener_id, event_type, replace(serialized_event, cast(:from as text), cast(:to as text)),
				       now() - interval '10 minutes', 'PUBLISHED', 1
				from event_publication where id = :old""")
			.param("new", neverDelivered).param("old", delivered)
			.param("from", Long.toString(first)).param("to", Long.toString(second)).update();
		assertThat(jdbc.sql("select serialized_event from event_publication where id = :id").param("id", neverDelivered)
			.query(String.class).single()).contains(Long.toString(second));

		// (another cached test context's job may get there first: the same job on another node)
		resubmission.resubmit();
		awaitCompleted(first);
		awaitCompleted(second);
		// the withdrawal counted before is not counted again; the one never delivered is counted once
		assertThat(withdrawals()).isEqualTo(2);

		// nothing is left to deliver: a second run changes nothing
		resubmission.resubmit();
		Thread.sleep(500);
		assertThat(withdrawals()).isEqualTo(2);
	}

	@Test
	void aPublicationYoungerThanTheSettingIsLeftToItsNode() {
		UUID young = UUID.randomUUID();
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				    completion_attempts)
				values (:id, 'org.wenming.test.NoSuchListener.on(java.lang.Object)', 'java.lang.String', '"x"', now(),
				    'PROCESSING', 1)""").param("id", young).update();
		try {
			resubmission.resubmit();
			assertThat(jdbc.sql("select status from event_publication where id = :id and completion_date is null")
				.param("id", young).query(String.class).single()).isEqualTo("PROCESSING");
		}
		finally {
			jdbc.sql("delete from event_publication where id = :id").param("id", young).update();
		}
	}

	private long withdrawals() {
		return jdbc.sql("""
				select coalesce(sum(value), 0) from insight_cell
				where metric = 'VOLUNTEERS_WITHDRAWN' and month = date '1987-06-01' and region_code = '441202'""")
			.query(Long.class).single();
	}

	/** The publication of the withdrawal of this volunteer, once completed. */
	private UUID awaitCompleted(long volunteerId) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			var done = jdbc.sql("""
					select id from event_publication where event_type like '%VolunteerWithdrawn'
					and serialized_event like :id and completion_date is not null""")
				.param("id", "%" + volunteerId + "%").query(UUID.class).optional();
			if (done.isPresent()) {
				return done.get();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the withdrawal of " + volunteerId + " was not delivered");
	}
}
