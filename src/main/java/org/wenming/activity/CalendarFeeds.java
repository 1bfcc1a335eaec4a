package org.wenming.activity;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.SecretTokens;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Status;

/**
 * Each volunteer's iCalendar feed of their confirmed shifts, at a secret address
 * ({@code /calendar/{token}.ics}) a phone's calendar can subscribe to without signing in. The token
 * is 256 random bits; regenerating it makes the old address stop working, revoking removes it.
 */
@Service
public class CalendarFeeds {

	/** How far back the feed reaches: a calendar keeps what it already has. */
	private static final int DAYS_BACK = 90;

	private final JdbcClient jdbc;

	CalendarFeeds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The volunteer's token, if they have one. */
	public Optional<String> token(long volunteerId) {
		return jdbc.sql("select token from activity_calendar_token where volunteer_id = :v").param("v", volunteerId)
			.query(String.class).optional();
	}

	/** A new token for the volunteer, replacing any old one (whose address stops working at once). */
	@Transactional
	public String regenerate(long volunteerId) {
		String token = SecretTokens.random(32);
		jdbc.sql("""
				insert into activity_calendar_token (volunteer_id, token) values (:v, :token)
				on conflict (volunteer_id) do update set token = excluded.token, created_at = now()""")
			.param("v", volunteerId).param("token", token).update();
		return token;
	}

	@Transactional
	public void revoke(long volunteerId) {
		jdbc.sql("delete from activity_calendar_token where volunteer_id = :v").param("v", volunteerId).update();
	}

	/** The feed for a token as iCalendar text, or empty when no volunteer has that token. */
	public Optional<String> feed(String token, String baseUrl) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
			return Optional.empty();
		}
		Optional<Long> volunteer = jdbc.sql("select volunteer_id from activity_calendar_token where token = :t")
			.param("t", token).query(Long.class).optional();
		return volunteer.map(v -> render(v, baseUrl));
	}

	private record Entry(long signupId, long activityId, String title, String place, OffsetDateTime startsAt,
			OffsetDateTime endsAt, String description) {
	}

	private String render(long volunteerId, String baseUrl) {
		List<Entry> entries = jdbc.sql("""
				select s.id, a.id as activity_id, a.title, coalesce(ps.name, a.address, '') as place, sh.starts_at,
				    sh.ends_at, a.description
				from signup s join shift sh on sh.id = s.shift_id join activity a on a.id = sh.activity_id
				left join published_practice_site ps on ps.id = a.site_id
				where s.volunteer_id = :v and s.status = 'CONFIRMED' and sh.ends_at > now() - make_interval(days => :back)
				order by sh.starts_at limit 1000""").param("v", volunteerId).param("back", DAYS_BACK)
			.query((rs, i) -> new Entry(rs.getLong("id"), rs.getLong("activity_id"), rs.getString("title"),
					rs.getString("place"), rs.getObject("starts_at", OffsetDateTime.class),
					rs.getObject("ends_at", OffsetDateTime.class), rs.getString("description")))
			.list();
		ICalendar calendar = new ICalendar();
		calendar.setProductId("-//Wenming//Activities//ZH");
		calendar.setName("文明实践志愿服务 Wenming");
		for (Entry entry : entries) {
			VEvent event = new VEvent();
			event.setUid("signup-" + entry.signupId() + "@wenming");
			event.setSummary(entry.title());
			event.setDateStart(Date.from(entry.startsAt().toInstant()));
			event.setDateEnd(Date.from(entry.endsAt().toInstant()));
			if (!entry.place().isEmpty()) {
				event.setLocation(entry.place());
			}
			event.setDescription(entry.description());
			event.setUrl(baseUrl + "/activities/" + entry.activityId());
			event.setStatus(Status.confirmed());
			calendar.addEvent(event);
		}
		return Biweekly.write(calendar).go();
	}
}
