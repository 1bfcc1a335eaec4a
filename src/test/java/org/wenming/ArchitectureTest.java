package org.wenming;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/** House rules that the module map does not cover. */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("org.wenming");

	@Test
	void controllersAreNotPartOfAModulesApi() {
		classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
				.should().notBePublic()
				.because("a module's API is its service facade, not its web layer")
				.check(MAIN);
	}

	@Test
	void dependenciesAreInjectedThroughConstructors() {
		fields().should().notBeAnnotatedWith(Autowired.class).check(MAIN);
	}

	@Test
	void onlyTheStartUpReportsPrintToTheConsole() {
		noClasses().that().doNotHaveSimpleName("StartupReport").and().doNotHaveSimpleName("FirstAdministrator")
				// the ledger's command line prints its verdict (counts and hashes, no personal data)
				.and().doNotHaveSimpleName("LedgerCommand")
				// the casework command prints cell keys and counts, no personal data
				.and().doNotHaveSimpleName("CaseStatisticsCommand")
				.and().doNotHaveSimpleName("InsightCommand") // prints figure names and counts, no personal data
				// the demo city's command and first start print progress and figures (no personal data; the demo login once)
				.and().doNotHaveSimpleName("DemoCommand").and().doNotHaveSimpleName("DemoFirstStart")
				.should().accessField(System.class, "out")
				.orShould().accessField(System.class, "err")
				.because("everything else goes through the logger, where personal data is never written")
				.check(MAIN);
	}

	@Test
	void everyTimedJobRunsOnceAcrossTheNodes() {
		methods().that().areAnnotatedWith(org.springframework.scheduling.annotation.Scheduled.class)
				.should().beAnnotatedWith(net.javacrumbs.shedlock.spring.annotation.SchedulerLock.class)
				.because("several nodes run the same jobs: each period's run must be one node's (docs/notes/deployment.md)")
				.check(MAIN);
	}
}
