package org.wenming.newsroom.integrity;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** The timed sweep (every hour at :17 by default), on one node: the lock "sweep now" takes too. */
@Component
class IntegritySweepJob {

	private final IntegritySweep sweep;

	IntegritySweepJob(IntegritySweep sweep) {
		this.sweep = sweep;
	}

	@Scheduled(cron = "${wenming.newsroom.integrity.cron:0 17 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = IntegritySweep.LOCK, lockAtMostFor = "1h", lockAtLeastFor = "1m")
	void run() {
		sweep.sweep("timer");
	}
}
