package org.wenming.ledger.web;

import org.wenming.ledger.ChainVerdict;

/** The latest verification run as the page shows it. */
public record VerificationView(boolean running, long checked, long length, int percent, String failure,
		boolean intact, Long brokenSeq, String problem, String expected, String found, long millis) {

	static VerificationView of(VerificationRuns.Run run) {
		if (run == null) {
			return null;
		}
		ChainVerdict verdict = run.verdict();
		return new VerificationView(run.running(), run.checked(), run.length(), run.percent(), run.failure(),
				verdict != null && verdict.intact(), verdict == null ? null : verdict.brokenSeq(),
				verdict == null ? null : verdict.problem(), verdict == null ? null : verdict.expected(),
				verdict == null ? null : verdict.found(), verdict == null ? 0 : verdict.millis());
	}
}
