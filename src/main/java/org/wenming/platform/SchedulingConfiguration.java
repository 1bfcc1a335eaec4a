package org.wenming.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The modules' timed jobs (forgotten check-outs, escalation, the weekly red/black list, audit
 * retention) run in the server only: a command's context ({@link CommandContext}) switches them off,
 * so a {@code demo} or {@code ledger verify} run does not also close shifts or escalate cases.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wenming.scheduling.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
class SchedulingConfiguration {
}
