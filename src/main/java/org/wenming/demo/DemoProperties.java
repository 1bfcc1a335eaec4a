package org.wenming.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The demo city's settings.
 *
 * @param onFirstStart the city the server generates at its first start (no demo city and no volunteers
 *        yet): {@code small} (default), {@code tiny} or {@code none}
 */
@Validated
@ConfigurationProperties("wenming.demo")
public record DemoProperties(@NotNull @Pattern(regexp = "(?i)\\s*(small|tiny|none)\\s*",
		message = "must be small, tiny or none") @DefaultValue("small") String onFirstStart) {

	/** The scale to generate at first start, or null for none. */
	public DemoScale firstStartScale() {
		String v = onFirstStart.strip().toLowerCase(java.util.Locale.ROOT);
		return v.equals("none") ? null : DemoScale.parse(v);
	}
}
