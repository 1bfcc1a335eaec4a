package org.wenming.activity;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Writes what a volunteer is told in the app, in the transaction of the step that caused it. */
final class Notices {

	private Notices() {
	}

	static void tell(JdbcClient jdbc, long volunteerId, long activityId, String kind, String detail) {
		jdbc.sql("""
				insert into activity_notice (volunteer_id, activity_id, kind, detail)
				values (:volunteer, :activity, :kind, :detail)""").param("volunteer", volunteerId)
			.param("activity", activityId).param("kind", kind).param("detail", detail).update();
	}
}
