package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.wenming.WenmingApplication;

/**
 * A command's context ({@code ledger verify}, {@code insight check}, {@code demo …}) opens no port, so
 * it gives no address: it once printed "Wenming is ready at http://localhost:-1/".
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandContextTest {

	@Test
	void aCommandOpensNoPortAndPrintsNoAddress(CapturedOutput output) {
		try (ConfigurableApplicationContext context = CommandContext.start(WenmingApplication.class,
				List.of("--spring.profiles.active=test"))) {
			assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class)).isEqualTo(-1);
		}
		assertThat(output.getOut()).doesNotContain("Wenming is ready").doesNotContain("localhost:-1");
	}
}
