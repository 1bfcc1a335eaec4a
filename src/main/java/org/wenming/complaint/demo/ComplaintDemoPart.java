package org.wenming.complaint.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.shared.CityTime;
import org.wenming.volunteer.DemoVolunteers;

/**
 * Ratings' and complaints' share of the demo city (order 677, after the ledger named the demo volunteer): the
 * organizers' ratings of the demo volunteer's latest shifts (from the ledger's published records); one complaint
 * about them dismissed after investigation (the story), and two about other volunteers — one upheld, with
 * the volunteer's response, one just received. A handful of rows; the digest takes texts and days, never ids.
 */
@Component
class ComplaintDemoPart implements DemoCityPart {

	private static final int[] SCORES = { 5, 4, 5, 5, 4, 3, 5, 4 };

	private static final String[] REMARKS = { "耐心细致，群众满意", "准时到岗", "主动补位", "", "服务热情", "", "带新志愿者", "" };

	private final JdbcClient jdbc;

	ComplaintDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 677;
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("lock table shift_rating, complaint, complaint_step in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("ratings and complaints", () -> load(run, run.get(DemoVolunteers.class),
				run.get(DemoVolunteers.MostHours.class)));
	}

	private void load(DemoCityRun run, DemoVolunteers volunteers, DemoVolunteers.MostHours demo) {
		long t0 = System.nanoTime();
		LocalDate asOf = run.plan().asOf();
		int ratings = 0;
		if (demo.volunteerId() != 0) {
			List<Long> shifts = jdbc.sql("""
					select distinct on (shift_id) shift_id from published_service_record
					where volunteer_id = :v and shift_id is not null and kind = 'SERVICE'
					order by shift_id desc limit :n""").param("v", demo.volunteerId()).param("n", SCORES.length)
				.query(Long.class).list();
			for (int i = 0; i < shifts.size(); i++) {
				ratings += jdbc.sql("""
						insert into shift_rating (shift_id, volunteer_id, score, remark, region_path, rated_by, rated_at)
						select :shift, id, :score, :remark, region_path, :by, :at from published_volunteer where id = :v
						on conflict (volunteer_id, shift_id) do nothing""").param("shift", shifts.get(i))
					.param("v", demo.volunteerId()).param("score", SCORES[i]).param("remark", REMARKS[i])
					.param("by", DemoScenario.ACTOR).param("at", at(asOf, 30 + 7 * i)).update();
				run.digest(("rating:" + SCORES[i] + ":" + REMARKS[i]).getBytes(StandardCharsets.UTF_8));
			}
		}
		run.counted("shift_rating", ratings, t0);
		long t1 = System.nanoTime();
		int complaints = 0;
		if (demo.volunteerId() != 0) {
			complaints += complaint(run, demo.volunteerId(), "RESIDENT", "社区居民", "活动现场引导时语气不耐烦", asOf, 75,
					List.of("INVESTIGATING:调阅现场记录并询问同班次志愿者", "DISMISSED:现场人多秩序紧张，志愿者按要求劝导，未见不当言行"),
					null);
		}
		if (volunteers.count() > 2) {
			complaints += complaint(run, volunteers.id(volunteers.count() / 3), "ORGANIZER", "社区服务队", "报名后两次未到岗也未请假",
					asOf, 40, List.of("INVESTIGATING:核对报名和签到记录", "UPHELD:两次未到岗属实，已提醒"),
					"家中临时有事，没有及时请假，以后会提前说明");
			complaints += complaint(run, volunteers.id(2 * volunteers.count() / 3), "RESIDENT", "来电群众", "上门服务迟到半小时",
					asOf, 3, List.of(), null);
		}
		run.counted("complaint", complaints, t1);
	}

	private int complaint(DemoCityRun run, long volunteer, String kind, String complainant, String summary, LocalDate asOf,
			int daysAgo, List<String> steps, String response) {
		Timestamp received = at(asOf, daysAgo);
		String last = steps.isEmpty() ? "RECEIVED" : steps.get(steps.size() - 1).split(":", 2)[0];
		boolean decided = "UPHELD".equals(last) || "DISMISSED".equals(last);
		Timestamp decidedAt = decided ? at(asOf, daysAgo - steps.size() * 3) : null;
		Long id = jdbc.sql("""
				insert into complaint (volunteer_id, region_path, complainant_kind, complainant_name, summary, status, version,
				    received_by, received_at, decided_at, response, responded_at)
				select id, region_path, :kind, :name, :summary, :status, :version, :by, :at, :decided, :response, :responded
				from published_volunteer where id = :v returning id""").param("kind", kind).param("name", complainant)
			.param("summary", summary).param("status", last).param("version", steps.size()).param("by", DemoScenario.ACTOR)
			.param("at", received).param("decided", decidedAt, java.sql.Types.TIMESTAMP)
			.param("response", response, java.sql.Types.VARCHAR).param("responded", response == null ? null : at(asOf, 1), java.sql.Types.TIMESTAMP).param("v", volunteer)
			.query(Long.class).optional().orElse(null);
		if (id == null) {
			return 0;
		}
		String from = "RECEIVED";
		step(id, null, "RECEIVED", "", received);
		for (int i = 0; i < steps.size(); i++) {
			String[] s = steps.get(i).split(":", 2);
			step(id, from, s[0], s[1], at(asOf, daysAgo - (i + 1) * 3));
			from = s[0];
		}
		run.digest(("complaint:" + kind + ":" + summary + ":" + last + ":" + daysAgo).getBytes(StandardCharsets.UTF_8));
		return 1;
	}

	private void step(long complaint, String from, String to, String reason, Timestamp at) {
		jdbc.sql("""
				insert into complaint_step (complaint_id, from_status, to_status, reason, acted_by, acted_at)
				values (:c, :from, :to, :reason, :by, :at)""").param("c", complaint)
			.param("from", from, java.sql.Types.VARCHAR).param("to", to).param("reason", reason)
			.param("by", DemoScenario.ACTOR).param("at", at).update();
	}

	/** Ten in the morning city time, {@code daysAgo} before the run's day. */
	private static Timestamp at(LocalDate asOf, int daysAgo) {
		Instant instant = asOf.minusDays(daysAgo).atTime(10, 0).atZone(CityTime.ZONE).toInstant();
		return Timestamp.from(instant);
	}
}
