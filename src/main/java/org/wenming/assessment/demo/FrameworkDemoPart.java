package org.wenming.assessment.demo;

import java.nio.charset.StandardCharsets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.assessment.framework.Frameworks;
import org.wenming.assessment.framework.SampleFramework;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;

/**
 * The field assessment's first part of the demo city: the shipped sample framework, named for the city
 * (肇庆市文明城市常态化测评体系（示例）) and published as version 1, so rounds can be drawn on it. Skipped,
 * with a line saying so, when the city has a framework of that name already.
 */
@Component
class FrameworkDemoPart implements DemoCityPart {

	private final JdbcClient jdbc;

	private final Frameworks frameworks;

	private final SampleFramework sample;

	FrameworkDemoPart(JdbcClient jdbc, Frameworks frameworks, SampleFramework sample) {
		this.jdbc = jdbc;
		this.frameworks = frameworks;
		this.sample = sample;
	}

	@Override
	public int order() {
		return 610;
	}

	@Override
	public boolean isEmpty() {
		return frameworks.isEmpty();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("assessment framework", () -> {
			long t0 = System.nanoTime();
			String name = run.get(CityGeography.class).cityName() + SampleFramework.NAME;
			if (jdbc.sql("select exists (select 1 from assessment_framework where name = :name)").param("name", name)
					.query(Boolean.class).single()) {
				run.progress("    no sample framework: " + name + " exists already");
				return;
			}
			// checked first: a refusal thrown inside the run's transaction would mark all of it for rollback
			if (!sample.check().ok()) {
				run.progress("    no sample framework: it does not pass this installation's casework categories");
				return;
			}
			long id = sample.loadDraft(name, DemoScenario.ACTOR);
			frameworks.publish(id, DemoScenario.ACTOR);
			int criteria = frameworks.find(id).orElseThrow().criteria();
			run.digest((name + ":" + criteria).getBytes(StandardCharsets.UTF_8));
			run.counted("assessment_criterion", criteria, t0);
		});
	}
}
