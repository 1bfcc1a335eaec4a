package org.wenming.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

/** The OpenAPI description of the JSON API, served at {@code /v3/api-docs} for other systems. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI wenmingApi() {
		return new OpenAPI().info(new Info().title("Wenming API").version("v1")
				.description("Regions, practice sites and (for signed-in staff, confined to their region) "
						+ "sites, users and the security audit. Errors are RFC 9457 problem details.")
				.license(new License().name("Open source")));
	}
}
