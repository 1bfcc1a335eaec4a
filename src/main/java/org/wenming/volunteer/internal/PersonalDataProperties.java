package org.wenming.volunteer.internal;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys that protect personal numbers (see README, "Personal data keys").
 *
 * @param keys AES-256 keys by key id, each base64 of 32 bytes; old keys stay so old rows decrypt
 * @param activeKey the key id new ciphertexts are written with
 * @param hashKey base64 HMAC-SHA256 key (at least 32 bytes) of the lookup and duplicate-check hashes
 */
@ConfigurationProperties("wenming.personal-data")
public record PersonalDataProperties(Map<String, String> keys, String activeKey, String hashKey) {

	public PersonalDataProperties {
		keys = keys == null ? Map.of() : Map.copyOf(keys);
	}

	boolean isEmpty() {
		return keys.isEmpty() && (activeKey == null || activeKey.isBlank()) && (hashKey == null || hashKey.isBlank());
	}
}
