package org.wenming.platform;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * One read of the session from the database per request. Spring Session's filter reads it when the request
 * first asks for it, again when it commits the session (it clears its own cache first, then asks whether
 * the requested id was valid), and both again in an asynchronous dispatch: four reads of the same row for
 * one asynchronous sign-up, on the main pool (docs/BENCHMARKS.md, the rush). Its filter is rebuilt on a
 * repository that keeps what a request has read, written or deleted for the rest of that request, its
 * dispatches included; other requests, and every other node, still read the database. (A repository bean
 * of our own would make Boot's JDBC session configuration back off, so the filter is replaced instead, with
 * the same cookie.)
 * <p>
 * The filter also moves a found session's last-access time on every request, which makes Spring Session
 * write the row at the end (a transaction of its own). The time is moved here only when it is older than a
 * tenth of the session's timeout, at most a minute — the rule {@link SessionWrites} keeps in the database
 * for writes that have other changes — so a request that changes nothing in its session sends no statement
 * for it at all.
 */
@Configuration(proxyBeanMethods = false)
class SessionReads {

	/** The request being filtered on this thread, while Spring Session's filter runs. */
	private static final ThreadLocal<ServletRequest> CURRENT = new ThreadLocal<>();

	private static final String CACHE = SessionReads.class.getName() + ".cache";

	/** Remembered for a session id the database did not have (or that was deleted in this request). */
	private static final Object MISSING = new Object();

	@Bean
	static BeanPostProcessor sessionReadsPerRequest(ObjectProvider<JdbcIndexedSessionRepository> sessions,
			ObjectProvider<CookieSerializer> cookies) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (!(bean instanceof SessionRepositoryFilter<?>)) {
					return bean;
				}
				// still a SessionRepositoryFilter: Boot registers the filter by that type
				SessionRepositoryFilter<Session> filter = new SessionRepositoryFilter<>(new PerRequest(sessions.getObject())) {
					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						ServletRequest outer = CURRENT.get();
						CURRENT.set(request);
						try {
							super.doFilterInternal(request, response, chain);
						}
						finally {
							if (outer == null) {
								CURRENT.remove();
							}
							else {
								CURRENT.set(outer);
							}
						}
					}
				};
				CookieHttpSessionIdResolver ids = new CookieHttpSessionIdResolver();
				ids.setCookieSerializer(cookies.getObject());
				filter.setHttpSessionIdResolver(ids);
				return filter;
			}
		};
	}

	/** The sessions this request has seen, by id; none outside a request (a job, a test's direct call). */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> seen() {
		ServletRequest request = CURRENT.get();
		if (request == null) {
			return null;
		}
		Object cache = request.getAttribute(CACHE);
		if (cache == null) {
			cache = new HashMap<String, Object>();
			request.setAttribute(CACHE, cache);
		}
		return (Map<String, Object>) cache;
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final class PerRequest implements SessionRepository<Session> {

		private final SessionRepository delegate;

		PerRequest(SessionRepository<? extends Session> delegate) {
			this.delegate = delegate;
		}

		@Override
		public Session createSession() {
			return delegate.createSession();
		}

		@Override
		public void save(Session saved) {
			Session session = saved instanceof Touched touched ? touched.session : saved;
			if (saved instanceof Touched touched && !touched.held) {
				SessionPool.touchOnly(() -> {
					delegate.save(session);
					return null;
				});
			}
			else {
				delegate.save(session);
			}
			Map<String, Object> seen = seen();
			if (seen != null) {
				// a changed id (a sign-in changes it) no longer finds the session, as in the database
				seen.replaceAll((id, found) -> found == session && !id.equals(session.getId()) ? MISSING : found);
				seen.put(session.getId(), session);
			}
		}

		@Override
		public Session findById(String id) {
			Map<String, Object> seen = seen();
			if (seen == null) {
				Session found = (Session) delegate.findById(id);
				return found == null ? null : new Touched(found);
			}
			Object found = seen.get(id);
			if (found == null) {
				found = delegate.findById(id);
				seen.put(id, found == null ? MISSING : found);
			}
			return found == null || found == MISSING ? null : new Touched((Session) found);
		}

		@Override
		public void deleteById(String id) {
			delegate.deleteById(id);
			Map<String, Object> seen = seen();
			if (seen != null) {
				seen.put(id, MISSING);
			}
		}
	}

	/** A stored session whose last-access time moves only by a tenth of its timeout (at most a minute) or more. */
	static final class Touched implements Session {

		private static final Duration MOST = Duration.ofMinutes(1);

		final Session session;

		/** Whether anything but the last-access time changed (its id, timeout or what it holds). */
		boolean held;

		Touched(Session session) {
			this.session = session instanceof Touched touched ? touched.session : session;
		}

		@Override
		public void setLastAccessedTime(Instant time) {
			Duration step = session.getMaxInactiveInterval().dividedBy(10);
			if (step.compareTo(MOST) > 0) {
				step = MOST;
			}
			if (Duration.between(session.getLastAccessedTime(), time).compareTo(step) >= 0) {
				session.setLastAccessedTime(time);
			}
		}

		@Override
		public String getId() {
			return session.getId();
		}

		@Override
		public String changeSessionId() {
			held = true;
			return session.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String name) {
			return session.getAttribute(name);
		}

		@Override
		public Set<String> getAttributeNames() {
			return session.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			held = true;
			session.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			held = true;
			session.removeAttribute(name);
		}

		@Override
		public Instant getCreationTime() {
			return session.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return session.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			held = true;
			session.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return session.isExpired();
		}
	}
}
