package org.wenming.honor.consent;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Consent requests ({@code wenming.honor.consent.*}); checked at start.
 *
 * @param linkLifetime how long the nominee may answer a consent request by its link (1h..90d); the link
 *        stays valid for withdrawing a consent given
 */
@Validated
@ConfigurationProperties("wenming.honor.consent")
public record ConsentProperties(
		@NotNull @DurationMin(hours = 1) @DurationMax(days = 90) @DefaultValue("14d") Duration linkLifetime) {
}
