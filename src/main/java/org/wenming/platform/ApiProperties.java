package org.wenming.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Limits of the JSON API ({@code wenming.api.*}).
 *
 * @param maxJsonBodySize the largest request body under {@code /api/} other than a form or a multipart
 *        upload (which keep their own limits); a larger one is refused with 413 before it is read whole
 *        (1 KB to 100 MB)
 */
@Validated
@ConfigurationProperties("wenming.api")
public record ApiProperties(@NotNull @DefaultValue("1MB") DataSize maxJsonBodySize) {

	public ApiProperties {
		if (maxJsonBodySize != null && (maxJsonBodySize.toBytes() < 1024
				|| maxJsonBodySize.compareTo(DataSize.ofMegabytes(100)) > 0)) {
			throw new IllegalArgumentException("wenming.api.max-json-body-size must be between 1KB and 100MB");
		}
	}
}
