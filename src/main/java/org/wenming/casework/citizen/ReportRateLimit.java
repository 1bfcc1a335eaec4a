package org.wenming.casework.citizen;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * How many reports a client without an account may send (随手拍 is open to everyone, so it must not
 * be open to a script): a sliding log of report times per IP and per session, kept in memory with a
 * bounded number of clients. Each node counts its own; several nodes behind a balancer each allow
 * the full amount.
 */
@Component
class ReportRateLimit {

	private final CitizenProperties.RateLimit limits;

	private final Clock clock;

	private final Cache<String, ArrayDeque<Instant>> logs;

	ReportRateLimit(CitizenProperties properties, Clock clock) {
		this.limits = properties.rateLimit();
		this.clock = clock;
		this.logs = Caffeine.newBuilder().maximumSize(limits.trackedClients())
				.expireAfterAccess(limits.longWindow()).build();
	}

	/** A place taken for one report; given back when the report is refused for its content. */
	record Permit(String ip, String session, Instant at) {
	}

	/**
	 * Takes a place for a report from this IP and session, or says how long until one is free. The check
	 * and the taking are one step, so concurrent requests cannot all squeeze through the last place.
	 */
	Outcome acquire(String ip, String session) {
		if (!limits.enabled()) {
			return new Outcome(Optional.of(new Permit(null, null, clock.instant())), Duration.ZERO);
		}
		Instant now = clock.instant();
		String ipKey = "ip:" + ip;
		String sessionKey = session == null ? null : "session:" + session;
		ArrayDeque<Instant> ipLog = logs.get(ipKey, k -> new ArrayDeque<>());
		ArrayDeque<Instant> sessionLog = sessionKey == null ? null : logs.get(sessionKey, k -> new ArrayDeque<>());
		// both logs are locked in one fixed order (IP first), so two requests never wait on each other crosswise
		synchronized (ipLog) {
			if (sessionLog == null) {
				return take(ipLog, null, now, ip, null);
			}
			synchronized (sessionLog) {
				return take(ipLog, sessionLog, now, ip, session);
			}
		}
	}

	private Outcome take(ArrayDeque<Instant> ipLog, ArrayDeque<Instant> sessionLog, Instant now, String ip,
			String session) {
		Duration wait = waitFor(ipLog, now);
		if (sessionLog != null) {
			Duration sessionWait = waitFor(sessionLog, now);
			wait = sessionWait.compareTo(wait) > 0 ? sessionWait : wait;
		}
		if (!wait.isZero()) {
			return new Outcome(Optional.empty(), wait);
		}
		ipLog.addLast(now);
		if (sessionLog != null) {
			sessionLog.addLast(now);
		}
		return new Outcome(Optional.of(new Permit(ip, session, now)), Duration.ZERO);
	}

	/** Zero when one more report fits both windows, else the time until the oldest one that blocks leaves. */
	private Duration waitFor(ArrayDeque<Instant> log, Instant now) {
		while (!log.isEmpty() && !log.peekFirst().isAfter(now.minus(limits.longWindow()))) {
			log.pollFirst();
		}
		Duration wait = Duration.ZERO;
		if (log.size() >= limits.longMax()) {
			Instant oldest = log.stream().skip(log.size() - limits.longMax()).findFirst().orElseThrow();
			wait = Duration.between(now, oldest.plus(limits.longWindow()));
		}
		Instant shortStart = now.minus(limits.shortWindow());
		long recent = log.stream().filter(t -> t.isAfter(shortStart)).count();
		if (recent >= limits.shortMax()) {
			Instant blocking = log.stream().filter(t -> t.isAfter(shortStart)).skip(recent - limits.shortMax())
					.findFirst().orElseThrow();
			Duration shortWait = Duration.between(now, blocking.plus(limits.shortWindow()));
			wait = shortWait.compareTo(wait) > 0 ? shortWait : wait;
		}
		return wait.isNegative() ? Duration.ofSeconds(1) : wait;
	}

	/** Gives a place back: the report it was taken for was not stored. */
	void release(Permit permit) {
		if (permit.ip() == null) {
			return;
		}
		remove("ip:" + permit.ip(), permit.at());
		if (permit.session() != null) {
			remove("session:" + permit.session(), permit.at());
		}
	}

	private void remove(String key, Instant at) {
		ArrayDeque<Instant> log = logs.getIfPresent(key);
		if (log != null) {
			synchronized (log) {
				log.removeLastOccurrence(at);
			}
		}
	}

	/** Either a permit, or how long to wait. */
	record Outcome(Optional<Permit> permit, Duration retryAfter) {
	}
}
