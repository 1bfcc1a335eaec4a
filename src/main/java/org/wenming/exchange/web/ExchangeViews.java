package org.wenming.exchange.web;

import org.wenming.exchange.ImportReport;
import org.wenming.exchange.RecordExchange;
import org.wenming.ledger.RecordTransfer;
import org.wenming.platform.FormValues;

/** What the record transfer pages show. */
public final class ExchangeViews {

	private ExchangeViews() {
	}

	/** The volunteer's page: their figures (null: not a volunteer). */
	public record Mine(RecordTransfer.Figures figures) {
	}

	/**
	 * The offices' page: this installation's identity, the forms, and after an upload the import's report
	 * ({@code upload}: the kept file's key for storing it after the preview; null once stored or refused).
	 */
	public record Admin(RecordExchange.SourceIdentity identity, FormValues form, ImportReport report, String upload,
			String volunteerNumber) {
	}
}
