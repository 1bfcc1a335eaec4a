package org.wenming.servicedesk.order;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.SecretTokens;
import org.wenming.volunteer.ContactSeal;

/**
 * One-time codes (验证码) for ordering without an account: 6 digits, valid {@code lifetime} (5 min), dead
 * after {@code maxTries} (5) wrong entries; sent through the {@link Notifier}. Requests are limited per
 * mobile and per client within {@code window}, counted on the {@code service_code} rows, so every node
 * counts the same; a request takes an advisory lock on its mobile and client so that concurrent ones cannot
 * all pass the last place. Neither the mobile nor the code is stored: the mobile as a keyed hash, the code
 * as a hash with that.
 */
@Service
@EnableConfigurationProperties(CodeProperties.class)
public class OrderCodes {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** What asking for a code came to. */
	public enum Request {
		SENT, MOBILE_LIMIT, CLIENT_LIMIT
	}

	/** What entering a code came to. */
	public enum Check {
		/** Right: the code is used up. */
		PASSED,
		/** Wrong: one try counted. */
		WRONG,
		/** No live code for the mobile (none asked, expired, used or out of tries). */
		NONE
	}

	private final JdbcClient jdbc;

	private final ContactSeal seal;

	private final Notifier notifier;

	private final MessageSource messages;

	private final CodeProperties properties;

	private final Clock clock;

	OrderCodes(JdbcClient jdbc, ContactSeal seal, Notifier notifier, MessageSource messages, CodeProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.seal = seal;
		this.notifier = notifier;
		this.messages = messages;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Sends a new code to the mobile, unless the mobile or the client asked too often.
	 *
	 * @param client what identifies the asking client (its address, its session): kept only as a hash
	 * @throws InvalidInputException ({@code contactMobile}) for a number that is not a mainland mobile
	 */
	@Transactional
	public Request request(String mobile, String client, Locale locale) {
		if (!ContactSeal.isMobile(mobile)) {
			throw new InvalidInputException("contactMobile", "servicedesk.order.error.mobile");
		}
		byte[] mobileHash = seal.hashMobile(mobile);
		byte[] clientHash = SecretTokens.sha256("servicedesk-client:" + (client == null ? "" : client));
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		OffsetDateTime since = at(now.minus(properties.window()));
		// one mobile, one client at a time, on every node: the count and the insert cannot be overtaken
		for (byte[] key : new byte[][] { mobileHash, clientHash }) {
			jdbc.sql("select pg_advisory_xact_lock(4412017, hashtext(:key))").param("key", HexFormat.of().formatHex(key))
					.query((rs, i) -> 1).list();
		}
		long byMobile = jdbc.sql("select count(*) from service_code where mobile_hash = :m and created_at > :since")
				.param("m", mobileHash).param("since", since).query(Long.class).single();
		if (byMobile >= properties.perMobile()) {
			return Request.MOBILE_LIMIT;
		}
		long byClient = jdbc.sql("select count(*) from service_code where client_hash = :c and created_at > :since")
				.param("c", clientHash).param("since", since).query(Long.class).single();
		if (byClient >= properties.perClient()) {
			return Request.CLIENT_LIMIT;
		}
		String code = String.format("%06d", RANDOM.nextInt(1_000_000));
		jdbc.sql("""
				insert into service_code (mobile_hash, client_hash, code_hash, created_at, expires_at)
				values (:m, :c, :code, :now, :expires)""").param("m", mobileHash).param("c", clientHash)
				.param("code", codeHash(mobileHash, code)).param("now", at(now))
				.param("expires", at(now.plus(properties.lifetime()))).update();
		Locale language = locale == null ? Locale.SIMPLIFIED_CHINESE : locale;
		notifier.send(new Notification("servicedesk.code", mobile, "SD_CODE", Map.of("code", code),
				messages.getMessage("servicedesk.order.notice.code",
						new Object[] { code, properties.lifetime().toMinutes() }, language)));
		return Request.SENT;
	}

	/**
	 * Checks a code entered for the mobile against its latest live code: right uses it up, wrong counts a
	 * try (kept even though the order is refused: this commits on its own, outside the caller's transaction).
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.REQUIRES_NEW)
	public Check check(String mobile, String code) {
		if (!ContactSeal.isMobile(mobile)) {
			return Check.NONE;
		}
		byte[] mobileHash = seal.hashMobile(mobile);
		Instant now = clock.instant();
		return jdbc.sql("""
				select id, code_hash from service_code
				where mobile_hash = :m and used_at is null and expires_at > :now and tries < :max
				order by created_at desc limit 1 for update""").param("m", mobileHash).param("now", at(now))
				.param("max", properties.maxTries()).query((rs, i) -> {
					long id = rs.getLong("id");
					boolean right = code != null && code.strip().matches("\\d{6}")
							&& java.security.MessageDigest.isEqual(rs.getBytes("code_hash"), codeHash(mobileHash, code.strip()));
					if (right) {
						jdbc.sql("update service_code set used_at = :now where id = :id").param("now", at(now))
								.param("id", id).update();
						return Check.PASSED;
					}
					jdbc.sql("update service_code set tries = tries + 1 where id = :id").param("id", id).update();
					return Check.WRONG;
				}).optional().orElse(Check.NONE);
	}

	private static byte[] codeHash(byte[] mobileHash, String code) {
		return SecretTokens.sha256(HexFormat.of().formatHex(mobileHash) + ":" + code);
	}

	private static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
