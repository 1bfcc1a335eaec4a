package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.support.WenmingTest;

/** Completed publications older than the retention (30 days) are deleted; incomplete ones never are. */
@WenmingTest
class EventPublicationRetentionTest {

	@Autowired
	EventPublicationRetention retention;

	@Autowired
	RetentionJobs jobs;

	@Autowired
	JdbcClient jdbc;

	private final UUID oldCompleted = UUID.randomUUID();

	private final UUID recentCompleted = UUID.randomUUID();

	private final UUID oldIncomplete = UUID.randomUUID();

	@AfterEach
	void removeRows() {
		jdbc.sql("delete from event_publication where id in (:ids)")
			.param("ids", List.of(oldCompleted, recentCompleted, oldIncomplete)).update();
	}

	@Test
	void completedPublicationsOlderThanTheRetentionGo() {
		publication(oldCompleted, 40, 39);
		publication(recentCompleted, 3, 2);
		publication(oldIncomplete, 40, null);
		jobs.purge(retention);
		assertThat(jdbc.sql("select id from event_publication where id in (:ids)")
			.param("ids", List.of(oldCompleted, recentCompleted, oldIncomplete)).query(UUID.class).list())
			.containsExactlyInAnyOrder(recentCompleted, oldIncomplete);
	}

	private void publication(UUID id, int publishedDaysAgo, Integer completedDaysAgo) {
		jdbc.sql("""
				insert into event_publication (id, listener_id, event_type, serialized_event, publication_date,
				    completion_date, status)
				values (:id, 'retention-test', 'org.wenming.Test', :json, now() - make_interval(days => :p),
				    now() - make_interval(days => :c), :status)""")
			.param("id", id).param("json", "{\"test\":\"" + id + "\"}").param("p", publishedDaysAgo)
			.param("c", completedDaysAgo, java.sql.Types.INTEGER)
			.param("status", completedDaysAgo == null ? "PUBLISHED" : "COMPLETED").update();
	}
}
