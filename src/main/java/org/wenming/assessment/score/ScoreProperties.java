package org.wenming.assessment.score;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Scores, the round report and the hand-over ({@code wenming.assessment.score.*}); checked at start.
 *
 * @param defaultCategory the casework category of a failed criterion that names none (or one that is
 *        not an active leaf category): 公共文明行为 by default
 * @param worstCriteria how many criteria the "most failed" list and the report show
 * @param trendRounds how many rounds the trend covers (the latest ones)
 * @param listSize how many counties go on each of the assessment's red and black lists
 */
@Validated
@ConfigurationProperties("wenming.assessment.score")
public record ScoreProperties(
		@NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}") @DefaultValue("PUBLIC_BEHAVIOUR") String defaultCategory,
		@Min(1) @Max(200) @DefaultValue("20") int worstCriteria, @Min(2) @Max(36) @DefaultValue("12") int trendRounds,
		@Min(1) @Max(10) @DefaultValue("3") int listSize) {
}
