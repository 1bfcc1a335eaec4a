package org.wenming.volunteer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Pattern;

/**
 * Volunteer registration settings ({@code wenming.volunteers.*}); checked at start.
 *
 * @param privacyNoticeVersion version of the privacy notice volunteers agree to, recorded with each
 *        registration (1-20 letters, digits, '.', '_', '-')
 */
@Validated
@ConfigurationProperties("wenming.volunteers")
record VolunteerProperties(@Pattern(regexp = "[A-Za-z0-9._-]{1,20}",
		message = "must be 1-20 letters, digits, '.', '_' or '-'") @DefaultValue("2026-01") String privacyNoticeVersion) {
}
