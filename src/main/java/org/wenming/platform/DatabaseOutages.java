package org.wenming.platform;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure that says "the database is away for a moment" (unreachable, restarting, the pool
 * waited in vain, a connection cut mid-statement, a deadlock or serialization failure to retry) from
 * a defect. The first kind is answered 503 with {@code Retry-After}: the request can simply be sent
 * again, and every write Wenming acknowledges is in one transaction, so nothing was half-written.
 */
public final class DatabaseOutages {

	private DatabaseOutages() {
	}

	/** Whether the failure, or anything it was caused by, is a database outage. */
	public static boolean isOutage(Throwable failure) {
		int depth = 0;
		for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
			if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
					|| t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
					|| t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException) {
				return true;
			}
			if (t instanceof SQLException sql && outageState(sql.getSQLState())) {
				return true;
			}
			// the statement failed because the server went away, and then the rollback failed on the dead
			// connection: the rollback's failure hides the first one, which says what happened
			if (t instanceof TransactionSystemException tx && tx.getOriginalException() != null
					&& isOutage(tx.getOriginalException())) {
				return true;
			}
			// the COMMIT was cut by the server going away, and the rollback that follows found the connection
			// HikariCP had closed as broken: Spring throws the rollback's failure alone, without the commit's
			// ("Commit exception overridden by rollback exception"; bench/cluster.sh saw it on session saves)
			if (t instanceof TransactionSystemException tx && tx.getApplicationException() == null
					&& tx.getCause() instanceof SQLException sql && sql.getSQLState() == null
					&& "Connection is closed".equals(sql.getMessage())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * SQLSTATE class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03
	 * cannot connect now, 40001/40P01 (serialization failure, deadlock: the transaction was rolled back).
	 */
	static boolean outageState(String state) {
		return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
				|| state.equals("57P03") || state.equals("40001") || state.equals("40P01"));
	}
}
