package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A command's context ({@link CommandContext}: {@code wenming.scheduling.enabled=false}) schedules no
 * job at all: no forgotten check-out closed, no case escalated while a demo city is being loaded or a
 * chain verified. (A library's own {@code @EnableScheduling} once switched them all back on.)
 */
@SpringBootTest(properties = "wenming.scheduling.enabled=false")
@ActiveProfiles("test")
// a context of its own: closed after this class, so its connection pools do not stay open beside the suite's
@DirtiesContext
class CommandSchedulingTest {

	@Autowired
	ApplicationContext context;

	@Test
	void aCommandsContextSchedulesNothing() {
		assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values())
			.allSatisfy(holder -> assertThat(holder.getScheduledTasks()).isEmpty());
	}
}
