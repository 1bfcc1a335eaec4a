package org.wenming.ledger.transparency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.wenming.platform.BulkLoadFinished;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Signs every city's tree head at {@code wenming.ledger.signing.head-cron} (hourly), on one node (ShedLock); a city
 * whose tree disagrees with its previous head is refused (and alarmed) without stopping the others.
 */
@Component
class HeadSigningJob {

	private static final Logger log = LoggerFactory.getLogger(HeadSigningJob.class);

	private final TreeHeads heads;

	HeadSigningJob(TreeHeads heads) {
		this.heads = heads;
	}

	/**
	 * A bulk load (the demo city on the first start) committed a city's records at once: its heads are signed now,
	 * so the public page, certificates and witnesses have one without waiting for the hour.
	 */
	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(BulkLoadFinished loaded) {
		run();
	}

	@Scheduled(cron = "${wenming.ledger.signing.head-cron:0 0 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = TreeHeads.JOB_LOCK, lockAtMostFor = "30m", lockAtLeastFor = "1m")
	void run() {
		for (String city : heads.integratedCities()) {
			try {
				heads.signNow(city);
			}
			catch (LedgerInconsistentException ex) {
				// logged and alarmed by signNow
			}
			catch (RuntimeException ex) {
				log.error("Signing the tree head of city {} failed", city, ex);
			}
		}
	}
}
