package org.wenming.volunteer.transfer;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Settles the import jobs a stopped server left VALIDATING or IMPORTING, at start and then every
 * minute: a job whose volunteers are there committed its load, so it is DONE with their count (and
 * its {@link org.wenming.volunteer.VolunteersRegistered} is published again: the dashboards count a
 * fact's key once, so a second delivery adds nothing and a lost one is made good); a job with none is
 * INTERRUPTED, its upload kept in the object store, and the page offers to run it again from there.
 *
 * <p>Only jobs whose load's transaction is gone are settled: a running load holds its job's row
 * ({@link ImportJobs#claim}) until it ends, and the settling skips locked rows, so a job another
 * node is running (or this one, in a test) is left alone. A load's session can outlive its crashed
 * server for a while (PostgreSQL notices the lost client when it next talks to it): the settling
 * skips it at start and settles it a minute later.
 */
@Component
class InterruptedImports implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InterruptedImports.class);

	private final ImportJobs jobs;

	private final VolunteerLoad loader;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	InterruptedImports(ImportJobs jobs, VolunteerLoad loader, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.jobs = jobs;
		this.loader = loader;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		settle();
	}

	// one node a minute (held 50 s at least); freed after 10 minutes should its node die while settling
	@Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
	@SchedulerLock(name = "interrupted-imports", lockAtMostFor = "10m", lockAtLeastFor = "50s")
	void settleLate() {
		settle();
	}

	/** Settles what it can now; returns the jobs it settled. */
	List<Long> settle() {
		List<Long> interrupted = new ArrayList<>();
		List<Long> settled = transactions.execute(tx -> {
			List<Long> ids = jobs.unsettled();
			OffsetDateTime now = OffsetDateTime.now(clock);
			for (long id : ids) {
				Optional<VolunteerLoad.Load> loaded = loader.loaded(id);
				if (loaded.isPresent()) {
					jobs.settleDone(id, loaded.get().imported(), now);
					events.publishEvent(loaded.get().event(id));
				}
				else {
					jobs.settleInterrupted(id, now);
					interrupted.add(id);
				}
			}
			return ids;
		});
		if (!settled.isEmpty()) {
			log.info("Import jobs left running by a stopped server settled: {} ({} interrupted)", settled, interrupted.size());
		}
		return settled;
	}
}
