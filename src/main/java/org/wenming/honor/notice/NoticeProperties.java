package org.wenming.honor.notice;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The public notice's settings ({@code wenming.honor.notice.*}), checked at start.
 *
 * @param powBits leading zero bits an anonymous like's proof of work must find (8..28; 18 ≈ 262,000 hashes on
 *        average, about a second in a phone's browser)
 * @param powLifetime how long a challenge may be solved and spent (30 s..30 min)
 * @param addressCap counted anonymous likes one address block (/24, IPv6 /64) may give in a day, across nominees
 *        (1..100,000); beyond it a like is kept as a suspect, not counted
 * @param likesPerMinute like requests one client (an account, or an address block) may send in a minute (1..10,000);
 *        beyond it 429
 * @param challengesPerMinute proof-of-work challenges one address block may ask for in a minute (1..10,000);
 *        beyond it 429
 * @param commentsPerHour comments one client may post in an hour (1..1,000)
 * @param objectionsPerHour objections one client may file in an hour (1..1,000)
 * @param secret base64 HMAC key (at least 32 bytes) for challenges, likers' and clients' keys; none: generated
 *        with the embedded database into {@code <data folder>/keys/honor-notice.properties}
 */
@Validated
@ConfigurationProperties("wenming.honor.notice")
public record NoticeProperties(@Min(8) @Max(28) @DefaultValue("18") int powBits,
		@NotNull @DurationMin(seconds = 30) @DurationMax(minutes = 30) @DefaultValue("2m") Duration powLifetime,
		@Min(1) @Max(100_000) @DefaultValue("50") int addressCap,
		@Min(1) @Max(10_000) @DefaultValue("60") int likesPerMinute,
		@Min(1) @Max(10_000) @DefaultValue("120") int challengesPerMinute,
		@Min(1) @Max(1000) @DefaultValue("10") int commentsPerHour,
		@Min(1) @Max(1000) @DefaultValue("5") int objectionsPerHour, String secret) {

	@Override
	public String toString() {
		return "NoticeProperties[powBits=" + powBits + ", addressCap=" + addressCap + "]";
	}
}
