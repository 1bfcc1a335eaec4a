package org.wenming.platform;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where a read by key runs: outside any transaction on the {@link KeyLookups} pool, whose connections keep
 * their plans (the main pool plans every statement anew, and a keyed lookup that joins views cost up to
 * 8 ms of planning under the sign-up rush for well under 1 ms of work, docs/BENCHMARKS.md); inside a
 * transaction on the transaction's own connection, which sees the transaction's writes and locks.
 */
public final class KeyedReads {

	private KeyedReads() {
	}

	public static JdbcClient pick(JdbcClient transactional, JdbcClient keyLookups) {
		return TransactionSynchronizationManager.isActualTransactionActive() ? transactional : keyLookups;
	}
}
