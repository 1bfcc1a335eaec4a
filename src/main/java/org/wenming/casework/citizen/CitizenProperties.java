package org.wenming.casework.citizen;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The citizen side's settings ({@code wenming.casework.citizen.*}).
 *
 * @param duplicateRadius metres around a reported position in which open cases of the same category are offered
 *     as possible duplicates
 * @param maxRequestSize the largest report form accepted (all photos together), checked from Content-Length
 *     before the form is read
 * @param rateLimit how many reports one client may send without signing in
 */
@Validated
@ConfigurationProperties("wenming.casework.citizen")
public record CitizenProperties(@Min(10) @Max(5000) @DefaultValue("200") int duplicateRadius,
		@NotNull @DefaultValue("100MB") DataSize maxRequestSize, @Valid @NotNull @DefaultValue RateLimit rateLimit) {

	/**
	 * Anonymous reports per client IP and, separately, per session: at most {@code shortMax} in
	 * {@code shortWindow} and {@code longMax} in {@code longWindow}. Counted in the database, across all nodes;
	 * a client idle for {@code longWindow} is forgotten.
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("5") int shortMax,
			@NotNull @DefaultValue("10m") Duration shortWindow, @Min(1) @DefaultValue("20") int longMax,
			@NotNull @DefaultValue("1d") Duration longWindow) {
	}
}
