package org.wenming.ledger;

/** What a service record is. */
public enum RecordKind {
	/** credited from confirmed attendance of an activity in the app */
	SERVICE,
	/** recorded by staff: paper sign-in sheets, 活动外补记, or an approved 补录 */
	MANUAL,
	/** 更正: a change of hours to an earlier record, which stays as it was */
	CORRECTION,
	/**
	 * 转入: served and recorded in another volunteer system and brought along by the volunteer (record transfer);
	 * counted in the volunteer's totals, never in the city's dashboards or Wenming's certificates
	 */
	EXTERNAL;

	public String messageKey() {
		return "ledger.kind." + name();
	}
}
