package org.wenming.ledger.transparency;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The timed integration: every {@code wenming.ledger.tree.integrate-interval}, new records enter their trees. A node
 * finding the cursor locked by another skips its turn (the other is integrating).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wenming.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class TreeIntegration implements SchedulingConfigurer {

	private final LedgerTree tree;

	TreeIntegration(LedgerTree tree) {
		this.tree = tree;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(() -> LedgerTree.logged(tree::integrateUnlessBusy), tree.interval());
	}
}
