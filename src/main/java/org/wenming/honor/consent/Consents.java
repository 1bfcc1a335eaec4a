package org.wenming.honor.consent;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.SealedColumns;
import org.wenming.honor.roll.HonourDocuments;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.Languages;
import org.wenming.platform.SecretTokens;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;

import tools.jackson.databind.json.JsonMapper;

/**
 * Consent to publication (PIPL Art. 25; docs/notes/honor.md "Consent"): staff ask for it with a snapshot of
 * exactly what will be public and its SHA-256; a one-time link goes to the nominee's mobile (a minor's to the
 * guardian, whose name is recorded); the nominee consents or declines once, and may withdraw a consent by the
 * same link, or staff record a withdrawal asked for otherwise. Without a mobile, staff record a paper consent
 * with the scanned form. Public means a {@code GIVEN} consent: the public views read nothing else, so one
 * update here hides the person everywhere.
 */
@Service
@EnableConfigurationProperties(ConsentProperties.class)
public class Consents {

	private static final Set<String> STAFF_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF, Roles.SITE_ADMIN);

	/** Fixed property order (the record's), no indentation: the text the SHA-256 is taken over. */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Regions regions;

	private final ContactSeal seal;

	private final Notifier notifier;

	private final MessageSource messages;

	private final ConsentProperties properties;

	private final Clock clock;

	private final HonourDocuments documents;

	Consents(JdbcClient jdbc, Regions regions, ContactSeal seal, Notifier notifier, MessageSource messages,
			ConsentProperties properties, Clock clock, HonourDocuments documents) {
		this.documents = documents;
		this.jdbc = jdbc;
		this.regions = regions;
		this.seal = seal;
		this.notifier = notifier;
		this.messages = messages;
		this.properties = properties;
		this.clock = clock;
	}

	/** A request made: the link's token (sent, and shown once to staff for a test or a printout). */
	public record Requested(long consentId, String token) {

		public String path() {
			return "/honor/consent/" + token;
		}

		@Override
		public String toString() {
			return "Requested[" + consentId + "]";
		}
	}

	/** The nomination's facts a consent needs, under its row lock. */
	private record Nomination(long id, String status, String regionPath, boolean minor, byte[] mobileCipher,
			String mobileKeyId, Snapshot snapshot) {
	}

	/**
	 * Asks the nominee for consent: the snapshot of what will be public, a link valid for {@code link-lifetime}
	 * sent to the nominee's mobile (a minor's: the guardian's, named here). A request still open is replaced.
	 *
	 * @throws ConsentRefusedException without a mobile on the nomination ({@code nomineeMobile}: record a paper
	 *     consent instead), a minor without the guardian's name, a consent given already (409), a nomination
	 *     rejected or withdrawn (409)
	 * @throws OutOfScopeException (404) for staff whose scope does not cover the nomination
	 */
	@Transactional
	public Requested request(long nominationId, String guardianName, ScopedUser staff, Locale locale, String baseUrl) {
		Nomination n = lockForStaff(nominationId, staff);
		String guardian = guardian(n, guardianName);
		if (n.mobileCipher() == null) {
			throw ConsentRefusedException.invalid("nomineeMobile", "honor.consent.error.noMobile");
		}
		Instant now = now();
		endOpenRequest(n.id(), staff.username(), now);
		String token = SecretTokens.random(24);
		long id = insert(n, "LINK", "REQUESTED", token, now.plus(properties.linkLifetime()), null, guardian, null,
				staff.username(), now);
		String mobile = seal.open(SealedColumns.NOMINEE_MOBILE,
				new ContactSeal.SealedContact(n.mobileCipher(), "", n.mobileKeyId()));
		Locale language = locale == null || Languages.supported(locale) == null ? Locale.SIMPLIFIED_CHINESE
				: Languages.supported(locale);
		String link = (baseUrl == null ? "" : baseUrl) + "/honor/consent/" + token;
		notifier.send(new Notification("honor.consent", mobile, "HONOR_CONSENT_REQUEST", Map.of("link", link),
				messages.getMessage(guardian == null ? "honor.consent.notice.request" : "honor.consent.notice.requestGuardian",
						new Object[] { n.snapshot().nomineeName(), link, properties.linkLifetime().toDays() }, language)));
		return new Requested(id, token);
	}

	/**
	 * Records a consent given on paper (the signed form scanned and kept as the nomination's DOCUMENT evidence).
	 *
	 * @param givenBy {@code NOMINEE} or {@code GUARDIAN}
	 */
	@Transactional
	public long recordPaper(long nominationId, long formEvidenceId, String givenBy, String guardianName,
			ScopedUser staff) {
		Nomination n = lockForStaff(nominationId, staff);
		if (!"NOMINEE".equals(givenBy) && !"GUARDIAN".equals(givenBy)) {
			throw ConsentRefusedException.invalid("givenBy", "honor.consent.error.givenBy");
		}
		String guardian = guardian(n, guardianName);
		if ("GUARDIAN".equals(givenBy) && guardian == null) {
			throw ConsentRefusedException.invalid("guardianName", "honor.consent.error.guardianName");
		}
		if (n.minor() && !"GUARDIAN".equals(givenBy)) {
			throw ConsentRefusedException.invalid("givenBy", "honor.consent.error.minorNeedsGuardian");
		}
		boolean form = jdbc.sql("""
				select exists (select 1 from honor_evidence where id = :id and nomination_id = :n and kind = 'DOCUMENT')""")
				.param("id", formEvidenceId).param("n", n.id()).query(Boolean.class).single();
		if (!form) {
			throw ConsentRefusedException.invalid("paperEvidenceId", "honor.consent.error.paperForm");
		}
		Instant now = now();
		endOpenRequest(n.id(), staff.username(), now);
		long id = insert(n, "PAPER", "GIVEN", null, null, givenBy, guardian, formEvidenceId, staff.username(), now);
		// given: a roll entry of the nomination (consent restored after a withdrawal) is public again
		documents.tellNomination(n.id());
		return id;
	}

	private long insert(Nomination n, String channel, String status, String token, Instant expires, String givenBy,
			String guardian, Long paperEvidenceId, String by, Instant now) {
		String json = canonical(n.snapshot());
		try {
			return jdbc.sql("""
					insert into honor_consent (nomination_id, status, snapshot, snapshot_sha256, channel, token_hash,
					    expires_at, given_by, guardian_name, paper_evidence_id, requested_by, requested_at, decided_at)
					values (:n, :status, cast(:snapshot as jsonb), :sha, :channel, :token, :expires, :givenBy, :guardian,
					    :paper, :by, :now, :decided)
					returning id""").param("n", n.id()).param("status", status).param("snapshot", json)
					.param("sha", sha256(json)).param("channel", channel)
					.param("token", token == null ? null : SecretTokens.sha256(token), Types.BINARY)
					.param("expires", expires == null ? null : at(expires), Types.TIMESTAMP_WITH_TIMEZONE)
					.param("givenBy", givenBy, Types.VARCHAR).param("guardian", guardian, Types.VARCHAR)
					.param("paper", paperEvidenceId, Types.BIGINT).param("by", by).param("now", at(now))
					.param("decided", "GIVEN".equals(status) ? at(now) : null, Types.TIMESTAMP_WITH_TIMEZONE)
					.query(Long.class).single();
		}
		catch (DuplicateKeyException ex) {
			throw ConsentRefusedException.conflict("status", "honor.consent.error.alreadyOpen");
		}
	}

	/** A request still open is replaced by a new one; a consent given must be withdrawn first (409). */
	private void endOpenRequest(long nominationId, String by, Instant now) {
		boolean given = jdbc.sql("select exists (select 1 from honor_consent where nomination_id = :n and status = 'GIVEN')")
				.param("n", nominationId).query(Boolean.class).single();
		if (given) {
			throw ConsentRefusedException.conflict("status", "honor.consent.error.alreadyGiven");
		}
		jdbc.sql("""
				update honor_consent set status = 'SUPERSEDED', decided_at = coalesce(decided_at, :now), ended_at = :now,
				    ended_by = :by
				where nomination_id = :n and status = 'REQUESTED'""").param("now", at(now)).param("by", by)
				.param("n", nominationId).update();
	}

	private static String guardian(Nomination n, String guardianName) {
		String guardian = guardianName == null || guardianName.isBlank() ? null : guardianName.strip();
		if (guardian != null && (guardian.length() > 100
				|| guardian.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>'))) {
			throw ConsentRefusedException.invalid("guardianName", "honor.consent.error.guardianName");
		}
		if (n.minor() && guardian == null) {
			throw ConsentRefusedException.invalid("guardianName", "honor.consent.error.guardianName");
		}
		return guardian;
	}

	// ---- the nominee's link -----------------------------------------------------------------------------

	/** What a consent link shows; empty for a token that is no consent's (404). */
	public Optional<ConsentView> view(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		Instant now = now();
		return jdbc.sql("""
				select c.id, c.status, c.snapshot::text as snapshot, c.guardian_name, c.expires_at, n.nominee_minor
				from honor_consent c join honor_nomination n on n.id = c.nomination_id
				where c.token_hash = :hash""").param("hash", SecretTokens.sha256(token))
				.query((rs, i) -> {
					String status = rs.getString("status");
					OffsetDateTime expires = rs.getObject("expires_at", OffsetDateTime.class);
					boolean open = "REQUESTED".equals(status) && expires != null && expires.toInstant().isAfter(now);
					return new ConsentView(rs.getLong("id"), status, parse(rs.getString("snapshot")),
							rs.getBoolean("nominee_minor"), rs.getString("guardian_name"), expires, open,
							"GIVEN".equals(status));
				}).optional();
	}

	/**
	 * The nominee (or guardian) answers: consents or declines, once.
	 *
	 * @throws ConsentRefusedException (409) when it was answered already or has expired
	 */
	@Transactional
	public void answer(String token, boolean consent) {
		ConsentView view = view(token).orElseThrow(org.wenming.platform.RecordNotFound::new);
		int changed = jdbc.sql("""
				update honor_consent set status = :status, decided_at = :now,
				    given_by = case when guardian_name is null then 'NOMINEE' else 'GUARDIAN' end
				where id = :id and status = 'REQUESTED' and expires_at > :now""")
				.param("status", consent ? "GIVEN" : "DECLINED").param("now", at(now())).param("id", view.consentId())
				.update();
		if (changed == 0) {
			throw ConsentRefusedException.conflict("status",
					"REQUESTED".equals(view.status()) ? "honor.consent.error.expired" : "honor.consent.error.answered");
		}
		if (consent) {
			documents.tellNomination(nominationOf(view.consentId()));
		}
	}

	/**
	 * The nominee withdraws a consent given, by the same link: one update, and the person is gone from every
	 * public page from the next request on.
	 *
	 * @throws ConsentRefusedException (409) when it is not given (any more)
	 */
	@Transactional
	public void withdrawByNominee(String token) {
		ConsentView view = view(token).orElseThrow(org.wenming.platform.RecordNotFound::new);
		int changed = jdbc.sql("""
				update honor_consent set status = 'WITHDRAWN', ended_at = :now, ended_by = 'nominee'
				where id = :id and status = 'GIVEN'""").param("now", at(now())).param("id", view.consentId()).update();
		if (changed == 0) {
			throw ConsentRefusedException.conflict("status", "honor.consent.error.notGiven");
		}
		documents.tellNomination(nominationOf(view.consentId()));
	}

	/**
	 * Staff record a withdrawal the nominee asked for by telephone, letter or in person.
	 *
	 * @throws ConsentRefusedException on {@code reason} (5–500 characters) or (409) when no consent is given
	 */
	@Transactional
	public void withdrawByStaff(long nominationId, String reason, ScopedUser staff) {
		Nomination n = lockForStaff(nominationId, staff);
		String why = reason == null ? "" : reason.strip();
		if (why.codePointCount(0, why.length()) < 5 || why.length() > 500
				|| why.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' || c == '<' || c == '>')) {
			throw ConsentRefusedException.invalid("reason", "honor.consent.error.reason");
		}
		int changed = jdbc.sql("""
				update honor_consent set status = 'WITHDRAWN', ended_at = :now, ended_by = :by, ended_reason = :reason
				where nomination_id = :n and status = 'GIVEN'""").param("now", at(now())).param("by", staff.username())
				.param("reason", why).param("n", n.id()).update();
		if (changed == 0) {
			throw ConsentRefusedException.conflict("status", "honor.consent.error.notGiven");
		}
		documents.tellNomination(n.id());
	}

	/**
	 * A public field of the nomination changed (the story, the title, the photo…): the open consent ends
	 * ({@code SUPERSEDED}) in the caller's transaction; a new snapshot needs a new consent.
	 *
	 * @return whether a consent ended
	 */
	@Transactional
	public boolean supersede(long nominationId, String by) {
		Instant now = now();
		boolean ended = jdbc.sql("""
				update honor_consent set status = 'SUPERSEDED', decided_at = coalesce(decided_at, :now), ended_at = :now,
				    ended_by = :by
				where nomination_id = :n and status in ('REQUESTED', 'GIVEN')""").param("now", at(now))
				.param("by", by == null ? "system" : by).param("n", nominationId).update() > 0;
		if (ended) {
			// a public field changed: the entry leaves the search until a consent to the new snapshot is given
			documents.tellNomination(nominationId);
		}
		return ended;
	}

	private long nominationOf(long consentId) {
		return jdbc.sql("select nomination_id from honor_consent where id = :id").param("id", consentId)
				.query(Long.class).single();
	}

	/** Whether the nomination has a consent given and not withdrawn (the public views' condition). */
	public boolean isGiven(long nominationId) {
		return jdbc.sql("select exists (select 1 from honor_consent where nomination_id = :n and status = 'GIVEN')")
				.param("n", nominationId).query(Boolean.class).single();
	}

	/** Every consent of a nomination, newest first, for staff in scope. */
	public List<ConsentRecord> history(long nominationId, ScopedUser staff) {
		requireInScope(nominationId, staff);
		return jdbc.sql("""
				select id, nomination_id, status, channel, given_by, guardian_name, paper_evidence_id, requested_by,
				       requested_at, expires_at, decided_at, ended_at, ended_by, ended_reason, snapshot_sha256
				from honor_consent where nomination_id = :n order by requested_at desc, id desc""")
				.param("n", nominationId)
				.query((rs, i) -> new ConsentRecord(rs.getLong("id"), rs.getLong("nomination_id"), rs.getString("status"),
						rs.getString("channel"), rs.getString("given_by"), rs.getString("guardian_name"),
						rs.getObject("paper_evidence_id", Long.class), rs.getString("requested_by"),
						rs.getObject("requested_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
						rs.getObject("decided_at", OffsetDateTime.class), rs.getObject("ended_at", OffsetDateTime.class),
						rs.getString("ended_by"), rs.getString("ended_reason"),
						HexFormat.of().formatHex(rs.getBytes("snapshot_sha256"))))
				.list();
	}

	/** The snapshot a consent holds (for staff in scope, and tests). */
	public Snapshot snapshotOf(long consentId) {
		return jdbc.sql("select snapshot::text from honor_consent where id = :id").param("id", consentId)
				.query(String.class).optional().map(Consents::parse)
				.orElseThrow(org.wenming.platform.RecordNotFound::new);
	}

	/** The snapshot's portrait for its consent link, while the consent is asked for or given. */
	public Optional<Long> portraitFor(String token) {
		return view(token).filter(v -> v.answerable() || v.withdrawable()).map(v -> v.snapshot().portraitEvidenceId());
	}

	/** The nomination a consent link belongs to (for serving its portrait). */
	public Optional<Long> nominationOf(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return jdbc.sql("select nomination_id from honor_consent where token_hash = :hash")
				.param("hash", SecretTokens.sha256(token)).query(Long.class).optional();
	}

	/** The snapshot's canonical JSON text: the SHA-256 is taken over its UTF-8 bytes. */
	public static String canonical(Snapshot snapshot) {
		return JSON.writeValueAsString(snapshot);
	}

	/** SHA-256 of the canonical text. */
	public static byte[] sha256(String canonical) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Snapshot parse(String json) {
		return JSON.readValue(json, Snapshot.class);
	}

	// ---- scope ------------------------------------------------------------------------------------------

	private Nomination lockForStaff(long nominationId, ScopedUser staff) {
		requireStaff(staff);
		return jdbc.sql("""
				select id, status, region_path, region_code, nominee_minor, nominee_mobile_cipher, nominee_mobile_key_id,
				       nominee_name, category, title, story, portrait_evidence_id, quarter
				from honor_nomination where id = :id for update""").param("id", nominationId)
				.query((rs, i) -> {
					String code = rs.getString("region_code");
					return new Nomination(rs.getLong("id"), rs.getString("status"), rs.getString("region_path"),
							rs.getBoolean("nominee_minor"), rs.getBytes("nominee_mobile_cipher"),
							rs.getString("nominee_mobile_key_id"),
							new Snapshot(rs.getString("nominee_name"), rs.getString("category"), rs.getString("title"),
									rs.getString("story"), regions.find(code).map(Region::name).orElse(code),
									rs.getObject("portrait_evidence_id", Long.class), rs.getString("quarter")));
				}).optional().filter(n -> staff.scope().covers(n.regionPath()))
				.map(n -> {
					if ("REJECTED".equals(n.status()) || "WITHDRAWN".equals(n.status())) {
						throw ConsentRefusedException.conflict("status", "honor.consent.error.nominationClosed");
					}
					return n;
				})
				.orElseThrow(() -> new OutOfScopeException("honor nomination", String.valueOf(nominationId)));
	}

	private void requireInScope(long nominationId, ScopedUser staff) {
		requireStaff(staff);
		boolean covered = jdbc.sql("select region_path from honor_nomination where id = :id").param("id", nominationId)
				.query(String.class).optional().map(path -> staff.scope().covers(path)).orElse(false);
		if (!covered) {
			throw new OutOfScopeException("honor nomination", String.valueOf(nominationId));
		}
	}

	private static void requireStaff(ScopedUser user) {
		if (user == null || STAFF_ROLES.stream().noneMatch(user::hasRole)) {
			throw new AccessDeniedException("consents are recorded by staff");
		}
	}

	private static boolean wellFormed(String token) {
		return token != null && token.matches("[A-Za-z0-9_-]{16,64}");
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}
