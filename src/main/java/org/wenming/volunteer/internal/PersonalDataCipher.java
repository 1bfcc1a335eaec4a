package org.wenming.volunteer.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal numbers with AES-256-GCM and hashes them with HMAC-SHA256. A ciphertext is
 * {@code nonce (12 bytes) || ciphertext || tag (16 bytes)}; the row's {@code key_id} names the key.
 * The column name is bound as associated data, so a ciphertext copied into another column does not
 * decrypt. Nothing here logs or prints a key or a value.
 */
public final class PersonalDataCipher {

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final Map<String, SecretKey> keys;

	private final String activeKeyId;

	private final SecretKeySpec hashKey;

	/** Nonces from a generator per thread: a bulk import encrypts on several threads at once. */
	private final ThreadLocal<SecureRandom> randoms = ThreadLocal.withInitial(SecureRandom::new);

	private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

	/** One cipher object per thread, initialised afresh (new nonce) for every value: getInstance is not free. */
	private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(PersonalDataCipher::newCipher);

	/**
	 * @throws IllegalStateException naming the property at fault when the configuration is unusable
	 */
	public PersonalDataCipher(PersonalDataProperties properties) {
		if (properties.keys().isEmpty()) {
			throw new IllegalStateException("wenming.personal-data.keys.<keyId> must name at least one AES key");
		}
		Map<String, SecretKey> parsed = new LinkedHashMap<>();
		properties.keys().forEach((id, value) -> {
			if (!KEY_ID.matcher(id).matches()) {
				throw new IllegalStateException("wenming.personal-data.keys: key id '" + id
						+ "' must be 1-16 letters, digits, '_' or '-'");
			}
			byte[] bytes = decode("wenming.personal-data.keys." + id, value);
			if (bytes.length != 32) {
				throw new IllegalStateException("wenming.personal-data.keys." + id
						+ " must be base64 of 32 bytes (AES-256), was " + bytes.length + " bytes");
			}
			parsed.put(id, new SecretKeySpec(bytes, "AES"));
		});
		if (properties.activeKey() == null || !parsed.containsKey(properties.activeKey())) {
			throw new IllegalStateException(
					"wenming.personal-data.active-key must be one of the ids under wenming.personal-data.keys");
		}
		byte[] hash = decode("wenming.personal-data.hash-key", properties.hashKey());
		if (hash.length < 32) {
			throw new IllegalStateException("wenming.personal-data.hash-key must be base64 of at least 32 bytes");
		}
		this.keys = Map.copyOf(parsed);
		this.activeKeyId = properties.activeKey();
		this.hashKey = new SecretKeySpec(hash, "HmacSHA256");
	}

	public String activeKeyId() {
		return activeKeyId;
	}

	/** Encrypts with the active key; {@code column} is bound as associated data. */
	public byte[] encrypt(String column, String plain) {
		byte[] nonce = new byte[NONCE_BYTES];
		randoms.get().nextBytes(nonce);
		try {
			Cipher cipher = ciphers.get();
			cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("encryption failed", ex);
		}
	}

	public String decrypt(String keyId, String column, byte[] ciphertext) {
		SecretKey key = keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("personal data key '" + keyId + "' is not configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, NONCE_BYTES));
			cipher.updateAAD(column.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES),
					StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("a personal-data ciphertext does not decrypt with key '" + keyId + "'");
		}
	}

	/** The lookup hash of an ID number of a type (e.g. {@code RESIDENT_ID}): the one-person-one-registration key. */
	public byte[] hashId(String idType, String normalised) {
		return hash("id:" + idType, normalised);
	}

	/** The lookup hash of a mobile number. */
	public byte[] hashPhone(String normalised) {
		return hash("phone", normalised);
	}

	/** Keyed hash of a normalised value, prefixed by its kind so an ID and a phone never collide. */
	public byte[] hash(String kind, String normalised) {
		// one Mac per thread: a bulk import hashes two numbers per row, and getInstance + init dominate
		Mac mac = macs.get();
		mac.update(kind.getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
	}

	private static Cipher newCipher() {
		try {
			return Cipher.getInstance("AES/GCM/NoPadding");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("encryption unavailable", ex);
		}
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(hashKey);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("hashing unavailable", ex);
		}
	}

	private static byte[] decode(String property, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(property + " is not set");
		}
		try {
			return Base64.getDecoder().decode(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(property + " is not valid base64");
		}
	}
}
