package org.wenming.exchange;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an import found (a preview) or did: the source, every volunteer of the file with the volunteer here it was
 * matched to, and every error by line and row. With any error nothing is stored ({@code stored} false).
 *
 * @param added service records added ({@code skipped}: already in the ledger from an earlier import)
 * @param commendationsAdded commendations of the file the volunteer did not have yet, now recorded
 * @param coursesAdded completed courses of the file not recorded before (training module, once per source and id)
 * @param errorsTotal all errors found ({@code errors} lists the first {@link RecordExchange#LISTED_MAX})
 */
public record ImportReport(String source, String city, List<VolunteerResult> volunteers, int volunteersTotal,
		List<Problem> errors, int errorsTotal, boolean stored, int added, int skipped, BigDecimal hoursAdded,
		int commendationsAdded, int coursesAdded) {

	/**
	 * One error: the file's line (1 = header), the service record's row (its place among the file's records, 0 when
	 * the error is not about one record), the field and the message key.
	 */
	public record Problem(int line, int row, String field, String messageKey) {
	}

	/** A volunteer of the file: line, masked name, the volunteer here (number), records and hours in the file. */
	public record VolunteerResult(int line, String nameMasked, String volunteerNumber, int records, BigDecimal hours,
			int alreadyImported) {
	}

	public boolean refused() {
		return errorsTotal > 0;
	}
}
