package org.wenming.honor.notice;

import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.Paging;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * Comments (评议) on a nominee during the notice: plain text up to 500 characters and an optional display name,
 * stored {@code PENDING}; shown only once staff whose scope covers the nominee's region approve them, and always
 * as text (the templates escape; nothing is linked).
 */
@Service
public class Comments {

	public static final int BODY_MAX = 500;

	public static final int NAME_MAX = 50;

	public static final int PAGE_SIZE = 20;

	/** A comment waiting for a decision, with its nominee. */
	public record Pending(long id, long nominationId, String nomineeName, String title, String body, String authorName,
			Instant createdAt) {
	}

	private final JdbcClient jdbc;

	private final NoticeBoard board;

	private final NoticeKeys.NoticeSecret secret;

	private final Clock clock;

	Comments(JdbcClient jdbc, NoticeBoard board, NoticeKeys.NoticeSecret secret, Clock clock) {
		this.jdbc = jdbc;
		this.board = board;
		this.secret = secret;
		this.clock = clock;
	}

	/**
	 * Stores a comment as PENDING.
	 *
	 * @return its id
	 * @throws NoticeRefusedException naming {@code body} or {@code authorName}; nothing stored
	 */
	@Transactional
	public long post(long nominationId, String body, String authorName, NoticeClient client) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String text = body == null ? "" : body.strip();
		String name = authorName == null || authorName.isBlank() ? null : authorName.strip();
		List<NoticeProblem> problems = new ArrayList<>();
		if (text.isEmpty()) {
			problems.add(new NoticeProblem("body", "honor.notice.error.commentRequired"));
		}
		else if (text.codePointCount(0, text.length()) > BODY_MAX) {
			problems.add(new NoticeProblem("body", "honor.notice.error.commentTooLong"));
		}
		if (name != null && name.codePointCount(0, name.length()) > NAME_MAX) {
			problems.add(new NoticeProblem("authorName", "honor.notice.error.nameTooLong"));
		}
		if (!problems.isEmpty()) {
			throw new NoticeRefusedException(problems);
		}
		board.requireOpen(nominationId, now);
		return jdbc.sql("""
				insert into honor_comment (nomination_id, body, author_name, author_user_id, client_hash, status, created_at)
				values (:nomination, :body, :name, :user, :client, 'PENDING', :now) returning id""")
				.param("nomination", nominationId).param("body", text).param("name", name, Types.VARCHAR)
				.param("user", client.user() == null ? null : client.user().userId(), Types.BIGINT)
				.param("client", secret.mac("client:" + client.addressBlock()))
				.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).query(Long.class).single();
	}

	/** Pending comments on nominees in the staff member's scope, oldest first. */
	public Paging.Page<Pending> pending(ScopedUser user, int page) {
		String scope = NoticeStaff.scope(user);
		long total = jdbc.sql("""
				select count(*) from honor_comment c join honor_nomination n on n.id = c.nomination_id
				where c.status = 'PENDING' and n.region_path like :scope || '%'""").param("scope", scope)
				.query(Long.class).single();
		List<Pending> items = jdbc.sql("""
				select c.id, c.nomination_id, n.nominee_name, n.title, c.body, c.author_name, c.created_at
				from honor_comment c join honor_nomination n on n.id = c.nomination_id
				where c.status = 'PENDING' and n.region_path like :scope || '%'
				order by c.created_at, c.id limit :size offset :offset""").param("scope", scope)
				.param("size", PAGE_SIZE).param("offset", (long) page * PAGE_SIZE)
				.query((rs, i) -> new Pending(rs.getLong("id"), rs.getLong("nomination_id"), rs.getString("nominee_name"),
						rs.getString("title"), rs.getString("body"), rs.getString("author_name"),
						rs.getObject("created_at", OffsetDateTime.class).toInstant()))
				.list();
		return new Paging.Page<>(items, total, page, PAGE_SIZE, (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
	}

	/**
	 * Approves or rejects a pending comment.
	 *
	 * @throws OutOfScopeException (404 and a security event) when no comment of a nominee in scope has the id
	 * @throws NoticeConflictException when it was decided already
	 */
	@Transactional
	public void moderate(long commentId, boolean approve, ScopedUser user) {
		String scope = NoticeStaff.scope(user);
		String status = jdbc.sql("""
				select c.status from honor_comment c join honor_nomination n on n.id = c.nomination_id
				where c.id = :id and n.region_path like :scope || '%' for update of c""").param("id", commentId)
				.param("scope", scope).query(String.class).optional()
				.orElseThrow(() -> new OutOfScopeException("honor_comment", Long.toString(commentId)));
		if (!"PENDING".equals(status)) {
			throw new NoticeConflictException("honor.notice.error.decided");
		}
		jdbc.sql("""
				update honor_comment set status = :status, moderated_by = :by, moderated_at = :now where id = :id""")
				.param("status", approve ? "APPROVED" : "REJECTED").param("by", user.username())
				.param("now", OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
				.param("id", commentId).update();
	}
}
