package org.wenming.newsroom;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The newsroom's settings ({@code wenming.newsroom.*}).
 *
 * @param maxBodyChars the longest article body accepted, in characters of HTML (longer: refused, 400)
 * @param maxBodyDepth the deepest element nesting accepted in a body (deeper: refused, 400)
 * @param pageSize articles per page of {@code /news}
 * @param feedSize entries in the Atom feed
 * @param maxPhotos photos one article may carry
 */
@Validated
@ConfigurationProperties("wenming.newsroom")
public record NewsroomProperties(@DefaultValue("200000") @Min(1000) @Max(2000000) int maxBodyChars,
		@DefaultValue("64") @Min(8) @Max(256) int maxBodyDepth, @DefaultValue("20") @Min(1) @Max(100) int pageSize,
		@DefaultValue("30") @Min(1) @Max(200) int feedSize, @DefaultValue("12") @Min(1) @Max(50) int maxPhotos) {
}
