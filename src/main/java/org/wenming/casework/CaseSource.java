package org.wenming.casework;

/** How a problem reached the city. */
public enum CaseSource {
	/** 巡查: an inspector's patrol */
	PATROL,
	/** 随手拍: a citizen's photo report, with or without an account */
	CITIZEN,
	/** 热线: the hotline, entered by staff */
	HOTLINE,
	/** staff entry */
	STAFF,
	/** another system through Open311 GeoReport v2 */
	OPEN311,
	/** 测评交办: a criterion failed in a round of field assessment, handed over by the assessment module */
	ASSESSMENT
}
