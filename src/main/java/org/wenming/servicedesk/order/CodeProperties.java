package org.wenming.servicedesk.order;

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
 * One-time codes for ordering without an account ({@code wenming.servicedesk.codes.*}); checked at start.
 *
 * @param lifetime how long a code may be used (1m..30m)
 * @param maxTries wrong entries after which a code is dead (1..10)
 * @param window the period the request limits count in (1m..1d)
 * @param perMobile codes one mobile number may be sent in a window (1..100)
 * @param perClient codes one client (address or session) may ask for in a window (1..1000)
 */
@Validated
@ConfigurationProperties("wenming.servicedesk.codes")
public record CodeProperties(@NotNull @DurationMin(minutes = 1) @DurationMax(minutes = 30) @DefaultValue("5m") Duration lifetime,
		@Min(1) @Max(10) @DefaultValue("5") int maxTries,
		@NotNull @DurationMin(minutes = 1) @DurationMax(days = 1) @DefaultValue("1h") Duration window,
		@Min(1) @Max(100) @DefaultValue("5") int perMobile,
		@Min(1) @Max(1000) @DefaultValue("20") int perClient) {
}
