package org.wenming.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * Settings of the house itself ({@code wenming.*}).
 *
 * @param publicUrl the address printed on the console when Wenming is ready (http or https); none:
 *        {@code http://localhost:<port>/}
 */
@Validated
@ConfigurationProperties("wenming")
record PlatformProperties(@Pattern(regexp = "https?://[^\\s?#]+", message = "must be an http(s) address") String publicUrl) {

	String publicUrlOr(String fallback) {
		return publicUrl == null || publicUrl.isBlank() ? fallback : publicUrl;
	}
}
