package org.wenming.insight;

/**
 * What an aggregate cell counts. Every cell belongs to one region (at every level of the fact's
 * region path), one calendar month in the city's time and one dimension.
 */
public enum Metric {

	/** Volunteers registered (注册), by month of registration; withdrawn ones included. */
	VOLUNTEERS_REGISTERED,

	/** Volunteers withdrawn (退出), by month of withdrawal. */
	VOLUNTEERS_WITHDRAWN,

	/** Active teams, by month of founding; dimension "LEVEL/TYPE". */
	TEAMS,

	/** Activities held (marked finished), by month of their start; dimension the activity type. */
	ACTIVITIES,

	/** Lectures held, by month of their start; dimension the "六进" setting. */
	LECTURES,

	/** Lecture attendances (听众人次), by month of the lecture's start; dimension the setting. */
	LECTURE_AUDIENCE,

	/** Service hours in the ledger (corrections included), by month the service started; dimension the activity type. */
	SERVICE_HOURS,

	/** Service records (SERVICE and MANUAL; corrections only adjust hours), by month the service started. */
	SERVICE_RECORDS,

	/** Rectification cases found (reported, not rejected, not merged), by month reported; dimension the category. */
	CASES_FOUND,

	/** Of those, closed (结案). */
	CASES_CLOSED,

	/** Of those closed, closed by their due time (按期). */
	CASES_CLOSED_ON_TIME
}
