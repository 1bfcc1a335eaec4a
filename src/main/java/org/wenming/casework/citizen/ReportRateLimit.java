package org.wenming.casework.citizen;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.RetentionJob;
import org.wenming.platform.SecretTokens;

/**
 * How many reports a client without an account may send (随手拍 is open to everyone, so it must not
 * be open to a script): a sliding log of report times per IP and per session, kept in PostgreSQL
 * ({@code report_rate_log}) so that every node behind the balancer counts the same reports. A report
 * locks its IP's and its session's rows in one order and decides on them in one short transaction; the
 * windows' rule is the same as when each node counted in its memory.
 */
@Component
class ReportRateLimit implements RetentionJob {

	private final CitizenProperties.RateLimit limits;

	private final Clock clock;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	ReportRateLimit(CitizenProperties properties, Clock clock, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.limits = properties.rateLimit();
		this.clock = clock;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
	}

	/** A place taken for one report; given back when the report is refused for its content. */
	record Permit(String ip, String session, Instant at) {
	}

	/**
	 * Takes a place for a report from this IP and session, or says how long until one is free. The check
	 * and the taking are one transaction holding both rows, so concurrent requests, on this node or any
	 * other, cannot all squeeze through the last place.
	 */
	Outcome acquire(String ip, String session) {
		if (!limits.enabled()) {
			return new Outcome(Optional.of(new Permit(null, null, clock.instant())), Duration.ZERO);
		}
		// microseconds: what the log keeps, so that a place given back is found again
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<String> clients = clients(ip, session);
		return transactions.execute(tx -> {
			Map<String, ArrayDeque<Instant>> logs = lock(clients);
			Duration wait = Duration.ZERO;
			for (ArrayDeque<Instant> log : logs.values()) {
				Duration clientWait = waitFor(log, now);
				wait = clientWait.compareTo(wait) > 0 ? clientWait : wait;
			}
			if (!wait.isZero()) {
				// the windows' pruning is kept too: the rows stay small
				logs.forEach((client, log) -> write(client, log, false));
				return new Outcome(Optional.empty(), wait);
			}
			logs.forEach((client, log) -> {
				log.addLast(now);
				write(client, log, true);
			});
			return new Outcome(Optional.of(new Permit(ip, session, now)), Duration.ZERO);
		});
	}

	/** Gives a place back: the report it was taken for was not stored. */
	void release(Permit permit) {
		if (permit.ip() == null) {
			return;
		}
		transactions.executeWithoutResult(tx -> lock(clients(permit.ip(), permit.session())).forEach((client, log) -> {
			if (log.removeLastOccurrence(permit.at())) {
				write(client, log, false);
			}
		}));
	}

	/** The clients' rows, created when missing and locked in the order of their keys (no two reports wait crosswise). */
	private Map<String, ArrayDeque<Instant>> lock(List<String> clients) {
		for (String client : clients) {
			jdbc.sql("insert into report_rate_log (client, times, touched_at) values (:client, '{}', now()) on conflict do nothing")
				.param("client", client).update();
		}
		Map<String, ArrayDeque<Instant>> logs = new LinkedHashMap<>();
		jdbc.sql("select client, times from report_rate_log where client in (:clients) order by client for update")
			.param("clients", clients)
			.query((RowCallbackHandler) rs -> logs.put(rs.getString(1), times(rs.getArray(2))));
		return logs;
	}

	private void write(String client, ArrayDeque<Instant> log, boolean touched) {
		StringJoiner micros = new StringJoiner(",", "{", "}");
		log.forEach(t -> micros.add(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t))));
		jdbc.sql(touched ? "update report_rate_log set times = cast(:times as bigint[]), touched_at = now() where client = :client"
				: "update report_rate_log set times = cast(:times as bigint[]) where client = :client")
			.param("times", micros.toString()).param("client", client).update();
	}

	private static ArrayDeque<Instant> times(Array array) throws SQLException {
		ArrayDeque<Instant> log = new ArrayDeque<>();
		for (Object t : (Object[]) array.getArray()) {
			log.addLast(Instant.EPOCH.plus(((Number) t).longValue(), ChronoUnit.MICROS));
		}
		return log;
	}

	/** The rows' keys, sorted: hashes, since a session id is a bearer secret and an address personal data. */
	static List<String> clients(String ip, String session) {
		TreeSet<String> clients = new TreeSet<>();
		clients.add(HexFormat.of().formatHex(SecretTokens.sha256("ip:" + ip)));
		if (session != null) {
			clients.add(HexFormat.of().formatHex(SecretTokens.sha256("session:" + session)));
		}
		return new ArrayList<>(clients);
	}

	/**
	 * Zero when one more report fits both windows, else the time until the oldest one that blocks leaves.
	 * Drops the times that left the long window.
	 */
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

	/** Either a permit, or how long to wait. */
	record Outcome(Optional<Permit> permit, Duration retryAfter) {
	}

	// The purge: a client with no report in the long window has nothing left to count.

	@Override
	public String name() {
		return "report-rate-logs";
	}

	/** Hourly: a day's clients are few rows, and a client idle for a window is worth nothing. */
	@Override
	public String cron() {
		return "0 13 * * * *";
	}

	@Override
	public Duration retention() {
		return limits.longWindow();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		return jdbc.sql("""
				delete from report_rate_log where client in (
				    select client from report_rate_log where touched_at < :before order by touched_at limit :limit)""")
			.param("before", Timestamp.from(before)).param("limit", limit).update();
	}
}
