package org.wenming.ledger;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Records were appended to the ledger (SERVICE from confirmed attendance, MANUAL, CORRECTION):
 * one event per append batch, published in the appending transaction, for the dashboards'
 * counters. A correction carries the hours it adds (negative when it takes hours away).
 */
public record ServiceRecordsAppended(List<Entry> records) {

	public ServiceRecordsAppended {
		records = List.copyOf(records);
	}

	/** The first record's position in the chain: with the batch's records, a key for the fact. */
	public long firstSeq() {
		return records.isEmpty() ? 0 : records.get(0).seq();
	}

	/**
	 * @param organizationKind TEAM or SITE (who recorded and certifies)
	 * @param regionPath the organization's region
	 * @param activityType SERVICE, LECTURE, MARKET, COURSE, CAMPAIGN
	 * @param startedAt when the service started
	 */
	public record Entry(long seq, RecordKind kind, long volunteerId, String organizationKind, long organizationId,
			String regionPath, String activityType, OffsetDateTime startedAt, BigDecimal hours) {
	}
}
