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
 * The limit on orders placed without an account ({@code wenming.servicedesk.anonymous-orders.*}), beyond the
 * one-time codes' limits: orders one client (its address) may place in a window, counted on the stored orders
 * so that every node counts the same; checked at start.
 *
 * @param perClient anonymous orders one client may place in a window (1..1000)
 * @param window the period they are counted in (1m..7d)
 */
@Validated
@ConfigurationProperties("wenming.servicedesk.anonymous-orders")
public record AnonymousOrderProperties(@Min(1) @Max(1000) @DefaultValue("10") int perClient,
		@NotNull @DurationMin(minutes = 1) @DurationMax(days = 7) @DefaultValue("1d") Duration window) {
}
