package org.wenming.casework;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/**
 * Casework settings ({@code wenming.casework.*}).
 *
 * @param cityBounds the box a reported position must lie in (default: Zhaoqing's extent)
 */
@Validated
@ConfigurationProperties("wenming.casework")
public record CaseworkProperties(@Valid @NotNull @DefaultValue Bounds cityBounds) {

	/** A latitude/longitude box, in degrees (WGS-84 / GCJ-02 alike at this precision). */
	public record Bounds(@DecimalMin("-90") @DecimalMax("90") @DefaultValue("22.78") BigDecimal south,
			@DecimalMin("-180") @DecimalMax("180") @DefaultValue("111.35") BigDecimal west,
			@DecimalMin("-90") @DecimalMax("90") @DefaultValue("24.40") BigDecimal north,
			@DecimalMin("-180") @DecimalMax("180") @DefaultValue("112.95") BigDecimal east) {

		public boolean contains(double latitude, double longitude) {
			return latitude >= south.doubleValue() && latitude <= north.doubleValue() && longitude >= west.doubleValue()
					&& longitude <= east.doubleValue();
		}
	}
}
