package org.wenming.ledger.web;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.wenming.ledger.ChainVerdict;
import org.wenming.ledger.ServiceLedger;

/**
 * Runs chain verification in the background, one run at a time, and keeps the latest run's
 * progress and verdict for the page to poll.
 */
@Component
class VerificationRuns {

	private static final Logger log = LoggerFactory.getLogger(VerificationRuns.class);

	private final ServiceLedger ledger;

	private final Clock clock;

	private final AtomicReference<Run> latest = new AtomicReference<>();

	VerificationRuns(ServiceLedger ledger, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
	}

	/** Starts a run unless one is going; returns the run that is going. */
	Run start(String startedBy) {
		Run run = new Run(startedBy, OffsetDateTime.now(clock), ledger.length());
		Run current = latest.get();
		if (current != null && current.verdict.get() == null && current.failure.get() == null) {
			return current;
		}
		if (!latest.compareAndSet(current, run)) {
			return latest.get();
		}
		Thread worker = new Thread(() -> {
			try {
				ChainVerdict verdict = ledger.verify(run.checked::set);
				run.checked.set(verdict.checked());
				run.verdict.set(verdict);
				log.info("Ledger verification started by {}: {}", startedBy, verdict.describe());
			}
			catch (RuntimeException ex) {
				log.error("Ledger verification failed", ex);
				run.failure.set(ex.getClass().getSimpleName());
			}
		}, "ledger-verify");
		worker.setDaemon(true);
		worker.start();
		return run;
	}

	Run latest() {
		return latest.get();
	}

	/** A verification run: progress while it goes, then the verdict (or why it could not finish). */
	static final class Run {

		final String startedBy;

		final OffsetDateTime startedAt;

		final long length;

		final AtomicLong checked = new AtomicLong();

		final AtomicReference<ChainVerdict> verdict = new AtomicReference<>();

		final AtomicReference<String> failure = new AtomicReference<>();

		Run(String startedBy, OffsetDateTime startedAt, long length) {
			this.startedBy = startedBy;
			this.startedAt = startedAt;
			this.length = length;
		}

		public boolean running() {
			return verdict.get() == null && failure.get() == null;
		}

		public long checked() {
			return checked.get();
		}

		public long length() {
			return length;
		}

		public int percent() {
			return length == 0 ? 100 : (int) Math.min(100, checked.get() * 100 / length);
		}

		public ChainVerdict verdict() {
			return verdict.get();
		}

		public String failure() {
			return failure.get();
		}

		public String startedBy() {
			return startedBy;
		}

		public OffsetDateTime startedAt() {
			return startedAt;
		}
	}
}
