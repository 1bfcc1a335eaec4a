package org.wenming.casework.open311;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.RetentionJob;
import org.wenming.platform.SqlRetentionJob;

/** The Open311 keys' per-minute counts are worth nothing after their minute; kept an hour, purged hourly. */
@Configuration(proxyBeanMethods = false)
class PostWindowRetention {

	@Bean
	RetentionJob open311PostWindowRetention(JdbcClient jdbc) {
		return new SqlRetentionJob("open311-post-windows", "0 7 * * * *", Duration.ofHours(1), jdbc, """
				delete from open311_post_window where (key_id, window_start) in (
				    select key_id, window_start from open311_post_window where window_start < :before
				    order by window_start limit :limit)""");
	}
}
