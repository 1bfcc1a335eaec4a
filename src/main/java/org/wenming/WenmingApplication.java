package org.wenming;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Wenming: the open platform a city runs for its civilization-practice network. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WenmingApplication {

	public static void main(String[] args) {
		SpringApplication.run(WenmingApplication.class, args);
	}
}
