package org.wenming.platform;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The streaming read replica (只读副本) behind {@link ReplicaReads}: its pool, a read-only pool on the
 * primary for when it cannot be used, and a check every {@code check-interval} that decides between
 * them. Reads follow the last check, so a query costs no extra round trip; a replica that stops
 * answering between checks is noticed by the first read it fails, which then runs on the primary.
 *
 * <p>Lag is read on the replica: zero when it has replayed everything the primary had written just
 * before (compared by WAL position, so an idle primary does not look like lag), otherwise the time
 * since the last transaction it replayed ({@code pg_last_xact_replay_timestamp()}).
 */
public final class ReadReplica implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

	/** A read waits at most this long for a replica connection before going to the primary. */
	private static final long CONNECTION_TIMEOUT_MILLIS = 2_000;

	private final ReplicaProperties properties;

	private final HikariDataSource primary;

	private final HikariDataSource replicaPool;

	private final HikariDataSource primaryReadOnlyPool;

	private final ScheduledExecutorService checker;

	private final Clock clock;

	private final JdbcClient client;

	private volatile ReplicaStatus status;

	private ReadReplica(ReplicaProperties properties, HikariDataSource primary, Clock clock) {
		this.properties = properties;
		this.primary = primary;
		this.clock = clock;
		if (!properties.configured()) {
			replicaPool = null;
			primaryReadOnlyPool = null;
			checker = null;
			client = null;
			status = ReplicaStatus.NONE;
			return;
		}
		boolean ownUser = !properties.username().isBlank();
		replicaPool = readOnlyPool("wenming-replica", properties.url(),
				ownUser ? properties.username() : primary.getUsername(),
				ownUser ? properties.password() : primary.getPassword(), properties.poolSize());
		primaryReadOnlyPool = readOnlyPool("wenming-replica-fallback", primary.getJdbcUrl(), primary.getUsername(),
				primary.getPassword(), properties.poolSize());
		client = failingOver();
		// until the first check the reads go to the primary
		status = new ReplicaStatus(ReplicaStatus.State.UNREACHABLE, null, null);
		checker = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "wenming-replica-check");
			thread.setDaemon(true);
			return thread;
		});
		checker.scheduleWithFixedDelay(this::checkQuietly, 0, properties.checkInterval().toMillis(),
				TimeUnit.MILLISECONDS);
	}

	static ReadReplica of(ReplicaProperties properties, HikariDataSource primary, Clock clock) {
		return new ReadReplica(properties, primary, clock);
	}

	/**
	 * A pool whose every statement is read-only, in a transaction or not: pgjdbc's {@code readOnlyMode=always}
	 * makes the session read-only even with autocommit, so a write through it fails on the primary too.
	 */
	private static HikariDataSource readOnlyPool(String name, String url, String username, String password, int size) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(url);
		config.setUsername(username);
		config.setPassword(password);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(1);
		config.setReadOnly(true);
		config.addDataSourceProperty("readOnlyMode", "always");
		// the same plan caching as the main pool: the scoped directory searches need a plan per scope
		config.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
		config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
		// a replica that is down at start must not stop the node: reads go to the primary until it answers
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	public boolean configured() {
		return properties.configured();
	}

	/** The state the reads are routed by (the last check's). */
	public ReplicaStatus status() {
		return status;
	}

	public Duration maxLag() {
		return properties.maxLag();
	}

	/** The client behind {@link ReplicaReads} when a replica is configured. */
	JdbcClient jdbcClient() {
		return client;
	}

	/** Reads the replica's state now and routes by it from now on; the timer calls it every check-interval. */
	public ReplicaStatus check() {
		if (!configured()) {
			return ReplicaStatus.NONE;
		}
		ReplicaStatus checked = read();
		ReplicaStatus before = status;
		status = checked;
		if (before.state() != checked.state()) {
			log.info("Read replica is now {} (lag {} s): lag-tolerant reads go to the {}", checked.state(),
					checked.lagSeconds(), checked.readsFromReplica() ? "replica" : "primary");
		}
		return checked;
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			log.warn("Read replica check failed: {}", ex.toString());
		}
	}

	private ReplicaStatus read() {
		String primaryPosition = primaryWalPosition();
		try (Connection c = replicaPool.getConnection(); PreparedStatement s = c.prepareStatement("""
				select pg_is_in_recovery(), pg_wal_lsn_diff(cast(? as pg_lsn), pg_last_wal_replay_lsn()),
				    extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())""")) {
			s.setQueryTimeout(5);
			s.setString(1, primaryPosition);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				if (!rs.getBoolean(1)) {
					log.warn("The read replica is not in recovery (promoted, or not a standby): reading from the primary");
					return new ReplicaStatus(ReplicaStatus.State.UNREACHABLE, null, clock.instant());
				}
				BigDecimal behindBytes = rs.getBigDecimal(2);
				BigDecimal sinceReplay = rs.getBigDecimal(3);
				Duration lag;
				if (behindBytes != null && behindBytes.signum() <= 0) {
					lag = Duration.ZERO;
				}
				else if (sinceReplay == null) {
					lag = null;
				}
				else {
					lag = Duration.ofMillis(Math.max(0, sinceReplay.movePointRight(3).longValue()));
				}
				boolean current = lag != null && lag.compareTo(properties.maxLag()) <= 0;
				return new ReplicaStatus(current ? ReplicaStatus.State.CURRENT : ReplicaStatus.State.LAGGING, lag,
						clock.instant());
			}
		}
		catch (SQLException ex) {
			if (status.state() != ReplicaStatus.State.UNREACHABLE || status.checkedAt() == null) {
				log.warn("Read replica unreachable, reading from the primary: {}", ex.getMessage());
			}
			else {
				log.debug("Read replica still unreachable: {}", ex.getMessage());
			}
			return new ReplicaStatus(ReplicaStatus.State.UNREACHABLE, null, clock.instant());
		}
	}

	private String primaryWalPosition() {
		try (Connection c = primary.getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("select pg_current_wal_lsn()::text")) {
			rs.next();
			return rs.getString(1);
		}
		catch (SQLException ex) {
			// without the primary's position the lag is the time since the last replayed transaction
			return null;
		}
	}

	/**
	 * A JdbcClient whose statements run on the replica while the last check found it current, and on the
	 * primary's read-only pool otherwise. A statement the replica fails for want of a connection (it went
	 * away since the last check) or because replay cancelled it (a conflict with recovery) runs again on
	 * the primary, so the reader sees an answer rather than the replica's trouble: every statement through
	 * this client is a read, so running it twice is harmless.
	 */
	private JdbcClient failingOver() {
		NamedParameterJdbcTemplate onReplica = new NamedParameterJdbcTemplate(replicaPool);
		NamedParameterJdbcTemplate onPrimary = new NamedParameterJdbcTemplate(primaryReadOnlyPool);
		JdbcOperations classic = failingOver(JdbcOperations.class, onReplica.getJdbcOperations(),
				onPrimary.getJdbcOperations(), null);
		return JdbcClient.create(failingOver(NamedParameterJdbcOperations.class, onReplica, onPrimary, classic));
	}

	private <T> T failingOver(Class<T> type, T replica, T primary, JdbcOperations classic) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (classic != null && method.getName().equals("getJdbcOperations")) {
				return classic;
			}
			if (method.getDeclaringClass() == Object.class) {
				return method.invoke(primary, args);
			}
			if (status.readsFromReplica()) {
				try {
					return method.invoke(replica, args);
				}
				catch (InvocationTargetException ex) {
					if (!replicaTrouble(ex.getCause())) {
						throw ex.getCause();
					}
				}
			}
			try {
				return method.invoke(primary, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
	}

	/** Whether the replica failed a statement for a reason of its own; a lost connection also marks it unreachable. */
	private boolean replicaTrouble(Throwable failure) {
		String state = failure instanceof DataAccessException access
				&& access.getMostSpecificCause() instanceof SQLException sql ? sql.getSQLState() : null;
		if ("40001".equals(state)) {
			// canceling statement due to conflict with recovery: the replica is fine, this read lost
			return true;
		}
		if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessResourceException
				|| (state != null && (state.startsWith("08") || state.startsWith("57P")))) {
			status = new ReplicaStatus(ReplicaStatus.State.UNREACHABLE, null, clock.instant());
			log.warn("Read replica unreachable, reading from the primary: {}", failure.getMessage());
			return true;
		}
		return false;
	}

	@Override
	public void close() {
		if (checker != null) {
			checker.shutdownNow();
		}
		if (replicaPool != null) {
			replicaPool.close();
		}
		if (primaryReadOnlyPool != null) {
			primaryReadOnlyPool.close();
		}
	}
}
