package org.wenming.commendation;

/** Who commended: a district's or county's, the city's, the province's or the nation's body. */
public enum CommendationLevel {
	DISTRICT, CITY, PROVINCE, NATION;

	public String messageKey() {
		return "commendation.level." + name();
	}
}
