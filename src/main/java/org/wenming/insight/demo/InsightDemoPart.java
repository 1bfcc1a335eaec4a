package org.wenming.insight.demo;

import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.insight.InsightAggregates;

/**
 * The insight module's part of the demo city: the earlier parts wrote their rows in bulk, past the
 * events that keep the dashboards' aggregates, so the aggregates are recounted from the rows, in the
 * run's transaction.
 */
@Component
class InsightDemoPart implements DemoCityPart {

	private final InsightAggregates insight;

	InsightDemoPart(InsightAggregates insight) {
		this.insight = insight;
	}

	@Override
	public int order() {
		return 700;
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("aggregates", insight::rebuild);
	}
}
