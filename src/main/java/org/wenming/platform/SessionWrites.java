package org.wenming.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Spring Session writes a session's row at the end of every request that read it, if only to move its
 * last-access time: one more durable commit on every signed-in request (a check-in commits twice). This
 * update skips the row when nothing but that time moved, by less than a tenth of the session's timeout
 * (at most a minute): an idle timeout of 30 minutes then ends between 29 and 30 minutes after the last
 * request. The statement and its parameters are Spring Session's own (session id, last access, timeout,
 * expiry, principal, primary id); it ignores the count of updated rows.
 */
@Configuration(proxyBeanMethods = false)
class SessionWrites {

	static final String UPDATE_SESSION = """
			UPDATE %TABLE_NAME% s
			SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
			    MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
			    PRINCIPAL_NAME = v.principal_name
			FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access_time,
			             CAST(? AS INT) AS max_inactive_interval, CAST(? AS BIGINT) AS expiry_time,
			             CAST(? AS VARCHAR(100)) AS principal_name, CAST(? AS CHAR(36)) AS primary_id) v
			WHERE s.PRIMARY_ID = v.primary_id
			  AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
			       OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
			       OR v.last_access_time - s.LAST_ACCESS_TIME >= LEAST(60000, v.max_inactive_interval * 100))
			""";

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> lastAccessWrites() {
		return repository -> repository.setUpdateSessionQuery(UPDATE_SESSION);
	}
}
