package org.wenming.ledger.transparency;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * The key that signs the ledger's tree heads, and when heads are signed (see docs/notes/transparency.md). Checked
 * at start: a bad value stops the start with a message naming the property.
 *
 * <p>Where the key comes from, first match wins: {@code key-env} (the name of an environment variable holding a
 * PKCS#8 PEM private key), then {@code pkcs11-config} + {@code pkcs11-alias} (a token through the JDK's
 * SunPKCS11 provider), then {@code key-file} (a PKCS#8 PEM file; created with a new key of the installation's
 * suite on the first start when absent). Every node of an installation must hold the same key.
 *
 * @param keyFile the PEM file of the private key; empty means {@code <wenming.db.embedded-directory>/keys/ledger-signing.key} (beside the other generated keys)
 * @param keyEnv name of an environment variable holding the PKCS#8 PEM private key; wins over the file when set
 * @param pkcs11Config configuration file of the JDK's SunPKCS11 provider (optional)
 * @param pkcs11Alias alias of the key in the token's key store (needed with {@code pkcs11-config})
 * @param pkcs11PinEnv name of an environment variable holding the token's PIN (optional)
 * @param headCron when every city's tree head is signed (Spring cron, Asia/Shanghai), hourly by default
 */
@ConfigurationProperties("wenming.ledger.signing")
public record SigningProperties(Path keyFile, String keyEnv, Path pkcs11Config, String pkcs11Alias, String pkcs11PinEnv,
		@DefaultValue("0 0 * * * *") String headCron) {

	public SigningProperties {
		keyEnv = blankToNull(keyEnv);
		pkcs11Alias = blankToNull(pkcs11Alias);
		pkcs11PinEnv = blankToNull(pkcs11PinEnv);
		if (keyEnv != null && !keyEnv.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
			throw new IllegalArgumentException("wenming.ledger.signing.key-env must name an environment variable, was " + keyEnv);
		}
		if (pkcs11Config != null && pkcs11Alias == null) {
			throw new IllegalArgumentException("wenming.ledger.signing.pkcs11-alias is needed with wenming.ledger.signing.pkcs11-config");
		}
		if (!CronExpression.isValidExpression(headCron)) {
			throw new IllegalArgumentException("wenming.ledger.signing.head-cron must be a cron expression (6 fields), was " + headCron);
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
