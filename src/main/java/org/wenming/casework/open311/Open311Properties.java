package org.wenming.casework.open311;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Open311 settings ({@code wenming.casework.open311.*}); checked at start.
 *
 * @param jurisdictionId the only {@code jurisdiction_id} accepted (another one is answered 404)
 * @param contact discovery's contact line
 * @param keyService discovery's key_service line: how a client gets an api_key
 * @param window how far back {@code GET requests} looks when no dates are given, and the longest
 *        span start_date..end_date may cover
 * @param postsPerMinute requests one api_key may POST per minute (0 = no limit)
 */
@Validated
@ConfigurationProperties("wenming.casework.open311")
record Open311Properties(
		@NotBlank @Pattern(regexp = "[A-Za-z0-9.\\-]{1,100}") @DefaultValue("zhaoqing.gov.cn") String jurisdictionId,
		@NotBlank @DefaultValue("肇庆市文明办 Zhaoqing Civilization Office, open311@zhaoqing.gov.cn") String contact,
		@NotBlank @DefaultValue("API keys are issued by the city's civilization office (市文明办) on request.") String keyService,
		@NotNull @DefaultValue("90d") Duration window,
		@Min(0) @Max(100000) @DefaultValue("60") int postsPerMinute) {
}
