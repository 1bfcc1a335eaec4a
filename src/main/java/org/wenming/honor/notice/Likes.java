package org.wenming.honor.notice;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.KeyLookups;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;

/**
 * Likes (点赞) during a notice, made hard to script (docs/notes/honor.md, "Likes: the choice"). A signed-in
 * person's like is keyed by their account; an anonymous one needs a proof of work and a session, and is keyed by
 * the address block and the session. One like per person per nominee per day (Asia/Shanghai) by the primary key.
 * A suspect like (no or bad proof, a spent challenge, no session, an automated User-Agent, an address block over
 * its daily cap) is stored, not counted, and the answer does not say why. A counted like adds one to one of 16
 * striped counters in the same transaction, so 500 likes a second do not queue on one row: the stripe of the
 * database connection that runs it ({@code pg_backend_pid() % 16}), so two likes in flight at once take the same
 * stripe's row lock only when their connections share a stripe, never by chance as with a random one.
 * A signed-in like as the API takes it is one statement on the {@link KeyLookups} pool (its plan cached, its own
 * commit): the client's rate, the period's check, the like row, its stripe and the count.
 */
@Service
public class Likes {

	/** Why a like was kept but not counted (the column's values). */
	public enum Suspect {
		ADDRESS_CAP, NO_PROOF, BAD_PROOF, REPLAYED, NO_SESSION, HEADLESS
	}

	/** A like as sent: the anonymous liker's proof of work, if any. */
	public record LikeRequest(long nominationId, NoticeClient client, String challenge, String counter) {

		@Override
		public String toString() {
			return "LikeRequest[nominationId=" + nominationId + "]";
		}
	}

	/**
	 * What happened: counted (and the count after it), already liked today (nothing changed), or kept as a suspect
	 * (said to the client only as not counted).
	 */
	public record LikeOutcome(boolean counted, boolean already, boolean suspect, long likes) {
	}

	static final int STRIPES = 16;

	/**
	 * The period's check through the consented view, the like row, one stripe when it counts, and the count after
	 * it (the stripes as the statement's snapshot saw them plus its own). The signed-in like adds the rate (below).
	 */
	private static final String LIKE = """
			with period as (
			    select starts_at <= :now and ends_at > :now as open from honor_public_shortlist where nomination_id = :nomination),
			liked as (
			    insert into honor_like (nomination_id, liker_key, day, client_hash, liked_at, counted, suspect)
			    select :nomination, :liker, :day, :client, :now, :counted, :suspect from period where open
			    on conflict (nomination_id, liker_key, day) do nothing
			    returning counted),
			stripe as (
			    insert into honor_like_count (nomination_id, stripe, likes)
			    select :nomination, (pg_backend_pid() % 16)::smallint, 1 from liked where counted
			    on conflict (nomination_id, stripe) do update set likes = honor_like_count.likes + 1
			    returning 1)
			select (select open from period), (select count(*) from liked),
			    (select count(*) from stripe) + coalesce((select sum(likes) from honor_like_count where nomination_id = :nomination), 0)""";

	/**
	 * A signed-in like as the API takes it, in one statement: the client's rate counter raised (whatever follows:
	 * a like of a nominee who is not public or not open counts against the rate too), then {@link #LIKE} only while
	 * the counter is within the limit; the first column is the counter after this request.
	 */
	private static final String SIGNED_IN_LIKE = """
			with rate as (
			    insert into honor_notice_rate (client_hash, action, window_start, hits) values (:rate, :action, :start, 1)
			    on conflict (client_hash, action, window_start) do update set hits = honor_notice_rate.hits + 1
			    returning hits),
			period as (
			    select starts_at <= :now and ends_at > :now as open from honor_public_shortlist where nomination_id = :nomination),
			liked as (
			    insert into honor_like (nomination_id, liker_key, day, client_hash, liked_at, counted, suspect)
			    select :nomination, :liker, :day, :client, :now, :counted, :suspect from period, rate where open and hits <= :max
			    on conflict (nomination_id, liker_key, day) do nothing
			    returning counted),
			stripe as (
			    insert into honor_like_count (nomination_id, stripe, likes)
			    select :nomination, (pg_backend_pid() % 16)::smallint, 1 from liked where counted
			    on conflict (nomination_id, stripe) do update set likes = honor_like_count.likes + 1
			    returning 1)
			select (select hits from rate), (select open from period), (select count(*) from liked),
			    (select count(*) from stripe) + coalesce((select sum(likes) from honor_like_count where nomination_id = :nomination), 0)""";

	private final JdbcClient jdbc;

	private final JdbcClient keyLookups;

	private final TransactionTemplate transactions;

	private final NoticeBoard board;

	private final ProofOfWork proofs;

	private final NoticeKeys.NoticeSecret secret;

	private final NoticeProperties properties;

	private final NoticeRateLimit rates;

	private final Clock clock;

	Likes(JdbcClient jdbc, @KeyLookups JdbcClient keyLookups, TransactionTemplate transactions, NoticeBoard board,
			ProofOfWork proofs, NoticeKeys.NoticeSecret secret, NoticeProperties properties, NoticeRateLimit rates,
			Clock clock) {
		this.jdbc = jdbc;
		this.keyLookups = keyLookups;
		this.transactions = transactions;
		this.rates = rates;
		this.board = board;
		this.proofs = proofs;
		this.secret = secret;
		this.properties = properties;
		this.clock = clock;
	}

	/** A challenge for an anonymous like of a nominee in an open period (404 when not public, 409 when not open). */
	public ProofOfWork.Challenge challenge(long nominationId) {
		Instant now = clock.instant();
		board.requireOpen(nominationId, now);
		return proofs.issue(nominationId, properties.powBits(), now.plus(properties.powLifetime()));
	}

	@Transactional
	public LikeOutcome like(LikeRequest request) {
		return like(request, clock.instant());
	}

	/**
	 * A like as the API takes it, with the client's rate counted in the same commit. A signed-in like is one
	 * statement on its own ({@link #SIGNED_IN_LIKE}); an anonymous one is a transaction (the proof spent, the address
	 * block's lock). Over the limit nothing of the like is written (the counter is full already); a like of a
	 * nominee who is not public or not open still counts against the client's rate.
	 *
	 * @throws NoticeRateLimitException when the client's window is full
	 */
	public LikeOutcome likeWithinRate(LikeRequest request) {
		Instant now = clock.instant();
		if (request.client().user() != null) {
			return signedIn(request, now);
		}
		Object result = transactions.execute(status -> {
			rates.hit(request.client(), NoticeRateLimit.Action.LIKE, now);
			try {
				return like(request, now);
			}
			catch (RecordNotFound | NoticeConflictException ex) {
				// answered as thrown, after the commit that keeps the rate's count
				return ex;
			}
		});
		if (result instanceof RuntimeException ex) {
			throw ex;
		}
		return (LikeOutcome) result;
	}

	/** A signed-in like with its rate: one statement on the plan-caching pool, its own commit. */
	private LikeOutcome signedIn(LikeRequest request, Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		NoticeClient client = request.client();
		NoticeRateLimit.Window window = rates.window(client, NoticeRateLimit.Action.LIKE, now);
		Suspect suspect = client.automated() ? Suspect.HEADLESS : null;
		Object[] row = keyLookups.sql(SIGNED_IN_LIKE).param("rate", window.clientHash()).param("action", window.action())
				.param("start", window.start()).param("max", window.max()).param("nomination", request.nominationId())
				.param("liker", secret.mac("account:" + client.user().userId()))
				.param("day", LocalDate.ofInstant(now, CityTime.ZONE)).param("client", secret.mac("client:" + client.addressBlock()))
				.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("counted", suspect == null)
				.param("suspect", suspect == null ? null : suspect.name(), java.sql.Types.VARCHAR)
				.query((rs, i) -> new Object[] { rs.getInt(1), rs.getObject(2), rs.getLong(3), rs.getLong(4) }).single();
		if ((Integer) row[0] > window.max()) {
			throw window.refusal(now);
		}
		return outcome(suspect == null, row[1], (Long) row[2], (Long) row[3]);
	}

	/**
	 * Records a like at {@code now}.
	 *
	 * @throws org.wenming.platform.RecordNotFound when the nominee is not public (no consent, not in a notice)
	 * @throws NoticeConflictException when the nominee's notice period is not open
	 */
	@Transactional
	public LikeOutcome like(LikeRequest request, Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		long nomination = request.nominationId();
		NoticeClient client = request.client();
		LocalDate day = LocalDate.ofInstant(now, CityTime.ZONE);
		String block = client.addressBlock();
		byte[] clientHash = secret.mac("client:" + block);
		byte[] likerKey;
		Suspect suspect = null;
		if (client.user() != null) {
			likerKey = secret.mac("account:" + client.user().userId());
			if (client.automated()) {
				suspect = Suspect.HEADLESS;
			}
		}
		else {
			// the anonymous checks spend a proof and take the address block's lock: only for an open nominee
			board.requireOpen(nomination, now);
			String session = client.sessionId();
			likerKey = secret.mac("anonymous:" + block + ":" + (session == null ? "" : session));
			suspect = anonymousSuspect(request, now);
			if (suspect == null) {
				// the cap's count and this like as one step per address block, on every node
				jdbc.sql("select pg_advisory_xact_lock(4418030, hashtext(:key))")
						.param("key", HexFormat.of().formatHex(clientHash)).query((rs, i) -> 1).list();
				long given = jdbc.sql("""
						select count(*) from honor_like where client_hash = :client and day = :day and counted""")
						.param("client", clientHash).param("day", day).query(Long.class).single();
				if (given >= properties.addressCap()) {
					suspect = Suspect.ADDRESS_CAP;
				}
			}
		}
		boolean counted = suspect == null;
		Object[] row = jdbc.sql(LIKE).param("nomination", nomination).param("liker", likerKey).param("day", day)
				.param("client", clientHash).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.param("counted", counted).param("suspect", suspect == null ? null : suspect.name(), java.sql.Types.VARCHAR)
				.query((rs, i) -> new Object[] { rs.getObject(1), rs.getLong(2), rs.getLong(3) }).single();
		return outcome(counted, row[0], (Long) row[1], (Long) row[2]);
	}

	/** The statement's answer: open (null when not public), rows inserted, and the count after it. */
	private static LikeOutcome outcome(boolean counted, Object open, long inserted, long likes) {
		if (open == null) {
			throw new RecordNotFound();
		}
		if (!(Boolean) open) {
			throw new NoticeConflictException("honor.notice.error.closed");
		}
		if (inserted == 0) {
			return new LikeOutcome(false, true, !counted, likes);
		}
		if (!counted) {
			return new LikeOutcome(false, false, true, 0);
		}
		return new LikeOutcome(true, false, false, likes);
	}

	/** The anonymous like's checks, cheapest first; a valid proof is spent here (once, on every node). */
	private Suspect anonymousSuspect(LikeRequest request, Instant now) {
		NoticeClient client = request.client();
		if (client.automated()) {
			return Suspect.HEADLESS;
		}
		if (client.sessionId() == null || client.sessionId().isBlank()) {
			return Suspect.NO_SESSION;
		}
		ProofOfWork.Verdict verdict = proofs.verify(request.challenge(), request.counter(), request.nominationId(), now);
		if (verdict == ProofOfWork.Verdict.MISSING) {
			return Suspect.NO_PROOF;
		}
		if (verdict != ProofOfWork.Verdict.VALID) {
			return Suspect.BAD_PROOF;
		}
		int spent = jdbc.sql("""
				insert into honor_pow_spent (challenge_hash, expires_at) values (:hash, :expires)
				on conflict do nothing""").param("hash", ProofOfWork.sha256(request.challenge()))
				.param("expires", OffsetDateTime.ofInstant(ProofOfWork.expiry(request.challenge()), ZoneOffset.UTC))
				.update();
		return spent == 0 ? Suspect.REPLAYED : null;
	}
}
