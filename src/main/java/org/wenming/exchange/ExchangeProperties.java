package org.wenming.exchange;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Record transfer ({@code wenming.exchange.*}); checked at start.
 *
 * @param installationId this installation's identity in the files it exports (3–64 of a–z, 0–9, -): receiving
 *        systems list it with the public key among their trusted sources
 * @param cityName the city this installation serves, named in exported files (1–40 characters)
 * @param trustedSources the installations whose files may be imported: installation id → PEM public key
 *        (Ed25519 or SM2: the other system's ledger signing key, as its {@code /api/v1/exchange/source} shows)
 * @param maxFileBytes the largest file accepted for import, in bytes (1 KB .. 2 GB)
 * @param fetchSize rows fetched at a time while a bulk export streams (50–10000)
 * @param uploadRetention how long a previewed import file that was never stored is kept (1 hour – 30 days)
 * @param uploadPurgeCron when such files are removed (a Spring cron in city time, or {@code -} for never)
 */
@Validated
@ConfigurationProperties("wenming.exchange")
public record ExchangeProperties(
		@DefaultValue("wenming-zhaoqing") @Pattern(regexp = "[a-z0-9-]{3,64}") String installationId,
		@DefaultValue("肇庆市") @NotBlank @Size(max = 40) String cityName,
		@DefaultValue Map<String, String> trustedSources,
		@Min(1024) @Max(2_147_483_647L) @DefaultValue("536870912") long maxFileBytes,
		@Min(50) @Max(10_000) @DefaultValue("1000") int fetchSize,
		@DefaultValue("1d") java.time.Duration uploadRetention,
		@DefaultValue("0 20 * * * *") @NotBlank String uploadPurgeCron) {

	public ExchangeProperties {
		if (uploadRetention.compareTo(java.time.Duration.ofHours(1)) < 0
				|| uploadRetention.compareTo(java.time.Duration.ofDays(30)) > 0) {
			throw new IllegalArgumentException("wenming.exchange.upload-retention must be 1 hour to 30 days");
		}
		trustedSources = trustedSources == null ? Map.of() : Map.copyOf(trustedSources);
		trustedSources.forEach((id, pem) -> {
			if (!id.matches("[a-z0-9-]{3,64}")) {
				throw new IllegalArgumentException("wenming.exchange.trusted-sources: \"" + id
						+ "\" is not an installation id (3-64 of a-z, 0-9, -)");
			}
			if (pem == null || !pem.contains("-----BEGIN PUBLIC KEY-----")) {
				throw new IllegalArgumentException("wenming.exchange.trusted-sources." + id
						+ " must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
			}
		});
	}
}
