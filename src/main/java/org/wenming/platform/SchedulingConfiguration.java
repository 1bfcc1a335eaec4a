package org.wenming.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;

/**
 * The modules' timed jobs (forgotten check-outs, escalation, the weekly red/black list, audit
 * retention) run in the server only: a command's context ({@link CommandContext}) switches them off,
 * so a {@code demo} or {@code ledger verify} run does not also close shifts or escalate cases. With several
 * nodes, each job's {@code @SchedulerLock} lets one node run it per period ({@link JobLocks}); a job that
 * names no bounds of its own is held at most 10 minutes, should its node die while it runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wenming.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "10m")
class SchedulingConfiguration {
}
