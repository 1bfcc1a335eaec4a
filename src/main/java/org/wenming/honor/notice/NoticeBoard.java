package org.wenming.honor.notice;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.honor.HonorCategory;
import org.wenming.platform.Paging;

/**
 * The public notice (公示): the open periods and their shortlists, read only from {@code honor_public_shortlist}
 * (which holds the consent condition, so a withdrawn consent hides the nominee from the next request on), each
 * nominee with the counted likes (the sum of the stripes) and the approved comments, newest first.
 */
@Service
public class NoticeBoard {

	public static final int COMMENTS_PAGE = 10;

	/** One nominee as the public sees them during the notice. */
	public record Nominee(long nominationId, long noticeId, String quarter, Instant startsAt, Instant endsAt,
			HonorCategory category, String kind, String name, String title, String story, String regionName,
			long likes) {

		public String categoryKey() {
			return "honor.category." + category.name();
		}

		/** The story's paragraphs (its lines, blank ones left out): text, never markup. */
		public List<String> paragraphs() {
			return story == null ? List.of() : story.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		}

		/** Whether likes, comments and objections are taken at {@code now}. */
		public boolean openAt(Instant now) {
			return !now.isBefore(startsAt) && now.isBefore(endsAt);
		}
	}

	/** An open period with its shortlist in its order. */
	public record Period(long noticeId, String quarter, Instant startsAt, Instant endsAt, List<Nominee> nominees) {
	}

	/** An approved comment: shown as text. */
	public record Comment(long id, String body, String authorName, Instant createdAt) {
	}

	private static final String SELECT = """
			select s.notice_id, s.nomination_id, s.quarter, s.starts_at, s.ends_at, s.category, s.kind, s.nominee_name,
			       s.title, s.story, r.name as region_name,
			       coalesce((select sum(c.likes) from honor_like_count c where c.nomination_id = s.nomination_id), 0) as likes
			from honor_public_shortlist s
			left join published_region r on r.code = s.region_code
			""";

	private final JdbcClient jdbc;

	NoticeBoard(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The periods open at {@code now} ({@code starts_at <= now < ends_at}), earliest end first. */
	public List<Period> open(Instant now) {
		List<Nominee> nominees = jdbc.sql(SELECT + """
				where s.starts_at <= :now and s.ends_at > :now
				order by s.ends_at, s.notice_id, s.position, s.nomination_id""")
				.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).query(NoticeBoard::nominee).list();
		Map<Long, List<Nominee>> byNotice = new LinkedHashMap<>();
		nominees.forEach(n -> byNotice.computeIfAbsent(n.noticeId(), id -> new ArrayList<>()).add(n));
		List<Period> periods = new ArrayList<>();
		byNotice.forEach((id, list) -> periods.add(new Period(id, list.get(0).quarter(), list.get(0).startsAt(),
				list.get(0).endsAt(), List.copyOf(list))));
		return periods;
	}

	/**
	 * A nominee whose notice has begun (open or ended): empty when not public (no consent, withdrawn, not in a
	 * notice, or its period not begun).
	 */
	public Optional<Nominee> nominee(long nominationId, Instant now) {
		return shortlisted(nominationId).filter(n -> !now.isBefore(n.startsAt()));
	}

	/** The nominee as the public view has them, whatever the time: empty when not public. */
	Optional<Nominee> shortlisted(long nominationId) {
		return jdbc.sql(SELECT + "where s.nomination_id = :id").param("id", nominationId).query(NoticeBoard::nominee)
				.optional();
	}

	/** The nominee if likes, comments and objections are taken now: 404 when not public, 409 when not open. */
	void requireOpen(long nominationId, Instant now) {
		// the period only (a like's path): not the story, the region's name or the count
		Boolean open = jdbc.sql("""
				select starts_at <= :now and ends_at > :now from honor_public_shortlist where nomination_id = :id""")
				.param("id", nominationId).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.query(Boolean.class).optional().orElseThrow(org.wenming.platform.RecordNotFound::new);
		if (!open) {
			throw new NoticeConflictException("honor.notice.error.closed");
		}
	}

	/** Approved comments, newest first. */
	public Paging.Page<Comment> comments(long nominationId, int page) {
		long total = jdbc.sql("select count(*) from honor_comment where nomination_id = :id and status = 'APPROVED'")
				.param("id", nominationId).query(Long.class).single();
		List<Comment> items = jdbc.sql("""
				select id, body, author_name, created_at from honor_comment
				where nomination_id = :id and status = 'APPROVED'
				order by created_at desc, id desc limit :size offset :offset""").param("id", nominationId)
				.param("size", COMMENTS_PAGE).param("offset", (long) page * COMMENTS_PAGE)
				.query((rs, i) -> new Comment(rs.getLong("id"), rs.getString("body"), rs.getString("author_name"),
						rs.getObject("created_at", OffsetDateTime.class).toInstant()))
				.list();
		int pages = (int) Math.max(1, (total + COMMENTS_PAGE - 1) / COMMENTS_PAGE);
		return new Paging.Page<>(items, total, page, COMMENTS_PAGE, pages);
	}

	/** The counted likes: the sum of the stripes. */
	public long likes(long nominationId) {
		return jdbc.sql("select coalesce(sum(likes), 0) from honor_like_count where nomination_id = :id")
				.param("id", nominationId).query(Long.class).single();
	}

	private static Nominee nominee(ResultSet rs, int row) throws SQLException {
		return new Nominee(rs.getLong("nomination_id"), rs.getLong("notice_id"), rs.getString("quarter"),
				rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
				rs.getObject("ends_at", OffsetDateTime.class).toInstant(), HonorCategory.valueOf(rs.getString("category")),
				rs.getString("kind"), rs.getString("nominee_name"), rs.getString("title"), rs.getString("story"),
				rs.getString("region_name"), rs.getLong("likes"));
	}
}
