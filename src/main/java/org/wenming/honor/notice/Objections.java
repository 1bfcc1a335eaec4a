package org.wenming.honor.notice;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.SealedColumns;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.Languages;
import org.wenming.platform.SecretTokens;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;

/**
 * Objections (异议) during a notice: a text, the objector's name and mobile (sealed, bound to its column, shown
 * masked), and a private follow link (its token shown once and sent by text message; only its hash kept). Never
 * public. Staff whose scope covers the nominee's region answer with a text and whether the objection is upheld
 * ({@code RECEIVED → ANSWERED}); an upheld objection keeps the nomination off the roll (the roll checks
 * {@code upheld}).
 */
@Service
public class Objections {

	public static final int BODY_MAX = 2000;

	public static final int NAME_MAX = 100;

	public static final int ANSWER_MAX = 2000;

	/** A filed objection: the private link, shown once. */
	public record Filed(long id, String token) {

		public String followPath() {
			return "/honor/objections/" + token;
		}
	}

	/** What the objector sees on the private link. */
	public record Follow(String nomineeTitle, String body, String status, String answer, Boolean upheld,
			Instant createdAt, Instant answeredAt) {

		public boolean answered() {
			return "ANSWERED".equals(status);
		}
	}

	/** An objection as staff see it: the contact masked. */
	public record StaffView(long id, long nominationId, String nominationNumber, String nomineeName, String title,
			String body, String objectorName, String contactMasked, String status, String answer, Boolean upheld,
			String answeredBy, Instant createdAt) {

		public boolean open() {
			return "RECEIVED".equals(status);
		}
	}

	private final JdbcClient jdbc;

	private final NoticeBoard board;

	private final ContactSeal seal;

	private final Notifier notifier;

	private final MessageSource messages;

	private final Clock clock;

	Objections(JdbcClient jdbc, NoticeBoard board, ContactSeal seal, Notifier notifier, MessageSource messages,
			Clock clock) {
		this.jdbc = jdbc;
		this.board = board;
		this.seal = seal;
		this.notifier = notifier;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Files an objection against a nominee in an open notice.
	 *
	 * @throws NoticeRefusedException naming {@code body}, {@code name} or {@code mobile}; nothing stored
	 */
	@Transactional
	public Filed file(long nominationId, String body, String name, String mobile, Locale locale) {
		return file(nominationId, body, name, mobile, locale, currentBaseUrl());
	}

	/**
	 * Files an objection; the text message carries the private link as a full URL under {@code baseUrl} (the
	 * installation's address as the request reached it, as the nomination's and the consent's links are built).
	 *
	 * @throws NoticeRefusedException naming {@code body}, {@code name} or {@code mobile}; nothing stored
	 */
	@Transactional
	public Filed file(long nominationId, String body, String name, String mobile, Locale locale, String baseUrl) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String text = body == null ? "" : body.strip();
		String who = name == null ? "" : name.strip();
		List<NoticeProblem> problems = new ArrayList<>();
		if (text.isEmpty()) {
			problems.add(new NoticeProblem("body", "honor.notice.error.objectionRequired"));
		}
		else if (text.codePointCount(0, text.length()) > BODY_MAX) {
			problems.add(new NoticeProblem("body", "honor.notice.error.objectionTooLong"));
		}
		if (who.isEmpty()) {
			problems.add(new NoticeProblem("name", "honor.notice.error.objectorRequired"));
		}
		else if (who.codePointCount(0, who.length()) > NAME_MAX) {
			problems.add(new NoticeProblem("name", "honor.notice.error.objectorTooLong"));
		}
		if (!ContactSeal.isMobile(mobile)) {
			problems.add(new NoticeProblem("mobile", "honor.notice.error.mobile"));
		}
		if (!problems.isEmpty()) {
			throw new NoticeRefusedException(problems);
		}
		board.requireOpen(nominationId, now);
		String token = SecretTokens.random(24);
		ContactSeal.SealedContact contact = seal.seal(SealedColumns.OBJECTOR_CONTACT, mobile);
		long id = jdbc.sql("""
				insert into honor_objection (nomination_id, body, objector_name, contact_cipher, contact_masked,
				    contact_key_id, follow_token_hash, status, created_at)
				values (:nomination, :body, :name, :cipher, :masked, :key, :hash, 'RECEIVED', :now) returning id""")
				.param("nomination", nominationId).param("body", text).param("name", who)
				.param("cipher", contact.cipher()).param("masked", contact.masked()).param("key", contact.keyId())
				.param("hash", SecretTokens.sha256(token)).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.query(Long.class).single();
		Locale language = locale == null || Languages.supported(locale) == null ? Locale.SIMPLIFIED_CHINESE
				: Languages.supported(locale);
		Filed filed = new Filed(id, token);
		String link = (baseUrl == null ? "" : baseUrl) + filed.followPath();
		notifier.send(new Notification("honor.objection", mobile, "HONOR_OBJECTION_RECEIVED", Map.of("link", link),
				messages.getMessage("honor.notice.objection.sms", new Object[] { link }, language)));
		return filed;
	}

	/** The address of the request being answered (scheme, host, port, context path), or "" outside one. */
	private static String currentBaseUrl() {
		if (!(org.springframework.web.context.request.RequestContextHolder
			.getRequestAttributes() instanceof org.springframework.web.context.request.ServletRequestAttributes attributes)) {
			return "";
		}
		return org.springframework.web.servlet.support.ServletUriComponentsBuilder
			.fromContextPath(attributes.getRequest()).build().toUriString();
	}

	/** The objection behind a private link: empty for a token that is no objection's (404). */
	public Optional<Follow> follow(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select s.title, o.body, o.status, o.answer, o.upheld, o.created_at, o.answered_at
				from honor_objection o left join honor_public_shortlist s on s.nomination_id = o.nomination_id
				where o.follow_token_hash = :hash""").param("hash", SecretTokens.sha256(token))
				.query((rs, i) -> new Follow(rs.getString("title"), rs.getString("body"), rs.getString("status"),
						rs.getString("answer"), (Boolean) rs.getObject("upheld"),
						rs.getObject("created_at", OffsetDateTime.class).toInstant(),
						Optional.ofNullable(rs.getObject("answered_at", OffsetDateTime.class))
								.map(OffsetDateTime::toInstant).orElse(null)))
				.optional();
	}

	/** Objections on nominees in the staff member's scope: open ones first, then the latest answered. */
	public List<StaffView> list(ScopedUser user) {
		String scope = NoticeStaff.scope(user);
		return jdbc.sql("""
				select o.id, o.nomination_id, n.number, n.nominee_name, n.title, o.body, o.objector_name, o.contact_masked,
				       o.status, o.answer, o.upheld, o.answered_by, o.created_at
				from honor_objection o join honor_nomination n on n.id = o.nomination_id
				where n.region_path like :scope || '%'
				order by o.status = 'RECEIVED' desc, o.created_at desc, o.id desc limit 200""").param("scope", scope)
				.query((rs, i) -> new StaffView(rs.getLong("id"), rs.getLong("nomination_id"), rs.getString("number"),
						rs.getString("nominee_name"), rs.getString("title"), rs.getString("body"),
						rs.getString("objector_name"), rs.getString("contact_masked"), rs.getString("status"),
						rs.getString("answer"), (Boolean) rs.getObject("upheld"), rs.getString("answered_by"),
						rs.getObject("created_at", OffsetDateTime.class).toInstant()))
				.list();
	}

	/**
	 * Answers an objection.
	 *
	 * @throws NoticeRefusedException naming {@code answer} or {@code upheld}
	 * @throws OutOfScopeException (404 and a security event) when no objection on a nominee in scope has the id
	 * @throws NoticeConflictException when it was answered already
	 */
	@Transactional
	public void answer(long objectionId, String answer, Boolean upheld, ScopedUser user) {
		String scope = NoticeStaff.scope(user);
		String text = answer == null ? "" : answer.strip();
		List<NoticeProblem> problems = new ArrayList<>();
		if (text.isEmpty()) {
			problems.add(new NoticeProblem("answer", "honor.notice.error.answerRequired"));
		}
		else if (text.codePointCount(0, text.length()) > ANSWER_MAX) {
			problems.add(new NoticeProblem("answer", "honor.notice.error.answerTooLong"));
		}
		if (upheld == null) {
			problems.add(new NoticeProblem("upheld", "honor.notice.error.upheldRequired"));
		}
		if (!problems.isEmpty()) {
			throw new NoticeRefusedException(problems);
		}
		String status = jdbc.sql("""
				select o.status from honor_objection o join honor_nomination n on n.id = o.nomination_id
				where o.id = :id and n.region_path like :scope || '%' for update of o""").param("id", objectionId)
				.param("scope", scope).query(String.class).optional()
				.orElseThrow(() -> new OutOfScopeException("honor_objection", Long.toString(objectionId)));
		if (!"RECEIVED".equals(status)) {
			throw new NoticeConflictException("honor.notice.error.answered");
		}
		jdbc.sql("""
				update honor_objection set status = 'ANSWERED', answer = :answer, upheld = :upheld, answered_by = :by,
				    answered_at = :now where id = :id""").param("answer", text).param("upheld", upheld)
				.param("by", user.username())
				.param("now", OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC))
				.param("id", objectionId).update();
	}
}
