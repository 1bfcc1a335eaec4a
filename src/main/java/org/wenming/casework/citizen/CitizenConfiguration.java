package org.wenming.casework.citizen;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CitizenProperties.class)
class CitizenConfiguration {

	@Bean
	FilterRegistrationBean<ReportSizeLimit> reportSizeLimit(CitizenProperties properties,
			org.springframework.context.MessageSource messages,
			org.springframework.web.servlet.LocaleResolver locales) {
		FilterRegistrationBean<ReportSizeLimit> registration = new FilterRegistrationBean<>(
				new ReportSizeLimit(properties.maxRequestSize().toBytes(), messages, locales));
		registration.addUrlPatterns(ReportController.PATH);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}
}
