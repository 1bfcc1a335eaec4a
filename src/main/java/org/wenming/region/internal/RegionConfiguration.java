package org.wenming.region.internal;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.PracticeSites;
import org.wenming.region.RegionProperties;

@Configuration(proxyBeanMethods = false)
class RegionConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RegionConfiguration.class);

	@Bean
	RegionCatalogue regionCatalogue(DataSource dataSource, TransactionTemplate transactions, ResourceLoader resources) {
		return new RegionCatalogue(dataSource, transactions, resources);
	}

	/** The division tree must exist before anything else starts up: accounts are bound to it. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ApplicationRunner loadRegionCatalogue(RegionCatalogue catalogue, RegionProperties properties) {
		return args -> {
			long started = System.nanoTime();
			int added = catalogue.load(properties.catalogue());
			if (added > 0) {
				log.info("Loaded {} regions in {} ms", added, (System.nanoTime() - started) / 1_000_000);
			}
		};
	}

	/** The city's practice network (centres, institutes, stations), once its regions are loaded. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 5)
	ApplicationRunner generatePracticeNetwork(PracticeSites sites, RegionProperties properties) {
		return args -> {
			int added = sites.generateNetwork(properties.city());
			if (added > 0) {
				log.info("Set up {} practice sites for city {}", added, properties.city());
			}
		};
	}
}
