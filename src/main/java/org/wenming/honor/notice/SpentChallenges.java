package org.wenming.honor.notice;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.RetentionJob;
import org.wenming.platform.SqlRetentionJob;

/**
 * Spent proof-of-work challenges ({@code honor_pow_spent}) are needed only until they expire: an expired one is
 * refused by its own expiry. Purged hourly by the platform's retention jobs (one node per run), an hour past
 * expiry (the nodes' clocks may differ a little).
 */
@Configuration(proxyBeanMethods = false)
class SpentChallenges {

	@Bean
	RetentionJob spentChallengesRetention(JdbcClient jdbc) {
		return new SqlRetentionJob("honor-pow-spent", "0 23 * * * *", Duration.ofHours(1), jdbc, """
				delete from honor_pow_spent where challenge_hash in (
				    select challenge_hash from honor_pow_spent where expires_at < :before limit :limit)""");
	}
}
