package org.wenming.casework.citizen;

/** The report form as typed (photos travel separately: a file input cannot be filled again). */
public record ReportForm(String categoryCode, String description, String latitude, String longitude,
		String regionCode, String address, String reporterName, String phone) {

	static ReportForm empty() {
		return new ReportForm("", "", "", "", "", "", "", "");
	}

	/** Null becomes "", so a template can print any field. */
	public static String value(String value) {
		return value == null ? "" : value;
	}
}
