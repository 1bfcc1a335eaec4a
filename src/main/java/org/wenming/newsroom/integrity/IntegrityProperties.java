package org.wenming.newsroom.integrity;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The published-page integrity sweep's settings ({@code wenming.newsroom.integrity.*}).
 *
 * @param baseUrl where the sweep fetches the pages, e.g. {@code https://wenming.zhaoqing.gov.cn} (through the
 *        city's proxy or CDN, what readers get); empty: this node itself, {@code http://127.0.0.1:<port>}
 * @param cron when the timed sweep runs (Asia/Shanghai), one node at a time
 * @param alarmMobiles mainland mobile numbers told by text message when a sweep finds something new
 * @param concurrency fetches in flight at once
 * @param timeout how long one fetch may take (connect and answer) before it counts as failed
 * @param retention how long sweeps and their findings are kept
 */
@Validated
@ConfigurationProperties("wenming.newsroom.integrity")
public record IntegrityProperties(@DefaultValue("") @Pattern(regexp = "|https?://[A-Za-z0-9.\\-\\[\\]:]+") String baseUrl,
		@DefaultValue("0 17 * * * *") @NotNull String cron,
		@DefaultValue List<@Pattern(regexp = "1[3-9][0-9]{9}") String> alarmMobiles,
		@DefaultValue("16") @Min(1) @Max(256) int concurrency,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 100) @DurationMax(minutes = 5) Duration timeout,
		@DefaultValue("90d") @NotNull @DurationMin(days = 1) Duration retention) {
}
