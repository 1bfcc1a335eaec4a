package org.wenming.casework.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The workflow's settings, and the schedule the escalation job runs on. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WorkflowProperties.class)
@EnableScheduling
class CaseworkConfiguration {
}
