package org.wenming.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * What the last check found of the read replica, and so where {@link ReplicaReads} go.
 *
 * @param state none configured, current enough, behind beyond the limit, or not answering as a standby
 * @param lag replay lag at the check (zero when it had replayed all the primary had written); null when unknown
 * @param checkedAt when the check ran; null for no replica or before the first check
 */
public record ReplicaStatus(State state, Duration lag, Instant checkedAt) {

	public enum State {
		/** no replica configured: every read goes to the primary */
		NONE,
		/** reachable and within the tolerated lag: the lag-tolerant reads go to it */
		CURRENT,
		/** reachable but further behind than tolerated: reading from the primary */
		LAGGING,
		/** not reachable (or no longer a standby): reading from the primary */
		UNREACHABLE
	}

	public static final ReplicaStatus NONE = new ReplicaStatus(State.NONE, null, null);

	/** Whether the lag-tolerant reads go to the replica now. */
	public boolean readsFromReplica() {
		return state == State.CURRENT;
	}

	/** Lag in whole seconds, rounded up (0.2 s behind is said as 1 s); -1 when unknown. */
	public long lagSeconds() {
		if (lag == null) {
			return -1;
		}
		return lag.isZero() ? 0 : (lag.toMillis() + 999) / 1000;
	}
}
