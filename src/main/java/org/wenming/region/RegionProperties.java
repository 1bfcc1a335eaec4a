package org.wenming.region;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Where the divisions come from and which city this installation serves. Other modules inject this
 * record for the city code instead of reading the property themselves.
 *
 * @param catalogue where the division files are (a folder; default: the copy shipped in the jar)
 * @param city the city whose practice network is set up on first start (default Zhaoqing, 4412)
 */
@Validated
@ConfigurationProperties("wenming.regions")
public record RegionProperties(@NotBlank @DefaultValue("classpath:regions/") String catalogue,
		@Pattern(regexp = "\\d{4}", message = "must be a city's 4-digit division code") @DefaultValue("4412") String city) {
}
