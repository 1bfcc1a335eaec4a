package org.wenming.insight.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.RetentionJobs;
import org.wenming.support.WenmingTest;

/**
 * Old keys of applied facts go, unless an event published before them is still waiting to be
 * delivered again (its key must then stop the second count), on the real database.
 */
@WenmingTest
class AppliedEventRetentionTest {

	@Autowired
	AppliedEventRetention retention;

	@Autowired
	RetentionJobs jobs;

	@Autowired
	JdbcClient jdbc;

	private final String prefix = "retention-test-" + UUID.randomUUID() + ":";

	private final UUID publication = UUID.randomUUID();

	@AfterEach
	void removeRows() {
		jdbc.sql("delete from insight_applied_event where event_key like :p").param("p", prefix + "%").update();
		jdbc.sql("delete from event_publication where id = :id").param("id", publication).update();
	}

	@Test
	void keysOlderThanTheRetentionGoUnlessAnOlderPublicationIsIncomplete() {
		key("twenty-days", 20);
		key("two-days", 2);
		jobs.purge(retention);
		assertThat(keys()).containsExactly("two-days");

		// an event published 25 days ago is still incomplete: it may come again, and so may any later one
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date)
				values (:id, 'retention-test', 'org.wenming.Test', '{}', now() - interval '25 days')""")
			.param("id", publication).update();
		key("twenty-days", 20);
		key("thirty-days", 30);
		jobs.purge(retention);
		assertThat(keys()).containsExactlyInAnyOrder("two-days", "twenty-days");
	}

	private void key(String name, int daysAgo) {
		jdbc.sql("insert into insight_applied_event (event_key, applied_at) values (:key, now() - make_interval(days => :d))")
			.param("key", prefix + name).param("d", daysAgo).update();
	}

	private List<String> keys() {
		return jdbc.sql("select substring(event_key from :n) from insight_applied_event where event_key like :p")
			.param("n", prefix.length() + 1).param("p", prefix + "%").query(String.class).list();
	}
}
