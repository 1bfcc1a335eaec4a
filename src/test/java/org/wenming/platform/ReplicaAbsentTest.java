package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.support.WenmingTest;

/**
 * Without {@code wenming.db.replica.url} nothing changes for one machine: the {@link ReplicaReads} client
 * is the primary's own {@code JdbcClient} (same pool, no routing, no extra connections, no timer).
 */
@WenmingTest
class ReplicaAbsentTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@ReplicaReads
	JdbcClient replicaReads;

	@Autowired
	ReadReplica replica;

	@Test
	void theLagTolerantReadsAreThePrimarysOwnClient() {
		assertThat(replicaReads).isSameAs(jdbc);
		assertThat(replica.configured()).isFalse();
		assertThat(replica.status()).isEqualTo(ReplicaStatus.NONE);
		assertThat(replica.check()).isEqualTo(ReplicaStatus.NONE);
	}
}
