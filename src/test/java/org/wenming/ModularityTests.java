package org.wenming;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module map holds (no cycles, no reaching into another module's internals) and is written to docs/. */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(WenmingApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void writesTheModuleMap() {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
				.writeModulesAsPlantUml()
				.writeIndividualModulesAsPlantUml()
				.writeModuleCanvases();
	}
}
