package org.wenming.ledger.transparency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The transparency log's tree. Checked when the application starts: a bad value stops the start with a message
 * naming the property.
 *
 * @param suite the hash and signature suite; fixed at the first start (recorded in the database), a later different
 *        value refuses to start
 * @param integrateInterval how often new records enter the tree (100 ms .. 1 h)
 */
@ConfigurationProperties("wenming.ledger.tree")
public record TreeProperties(@DefaultValue("ED25519_SHA256") Suite suite,
		@DefaultValue("5s") Duration integrateInterval) {

	public TreeProperties {
		if (suite == null) {
			throw new IllegalArgumentException("wenming.ledger.tree.suite must be ED25519_SHA256 or SM2_SM3");
		}
		if (integrateInterval == null || integrateInterval.toMillis() < 100
				|| integrateInterval.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException(
					"wenming.ledger.tree.integrate-interval must be between 100ms and 1h, was " + integrateInterval);
		}
	}
}
