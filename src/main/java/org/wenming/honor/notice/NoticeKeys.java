package org.wenming.honor.notice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenming.platform.DatabaseProperties;
import org.wenming.platform.KeyFiles;

/**
 * The notice's HMAC key, kept like the check-in key: a configured {@code wenming.honor.notice.secret} wins; with
 * the embedded database Wenming generates one on first start into {@code <data folder>/keys/honor-notice.properties}
 * and reuses it; with an external database it refuses to start without one, since a challenge signed on one node
 * must be accepted by another and a liker must get the same key on every node.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NoticeProperties.class)
class NoticeKeys {

	static final String FILE = "keys/honor-notice.properties";

	@Bean
	NoticeSecret noticeSecret(NoticeProperties properties, DatabaseProperties database) {
		String secret = properties.secret();
		if (secret == null || secret.isBlank()) {
			if (!database.embedded()) {
				throw new IllegalStateException("""
						No key for the honours' notice is configured. With an external database (wenming.db.url) set
						wenming.honor.notice.secret (base64 of 32 random bytes), e.g. as WENMING_HONOR_NOTICE_SECRET.""");
			}
			Properties stored = KeyFiles.loadOrCreate(database.embeddedDirectory().resolve(FILE), () -> {
				Properties keys = new Properties();
				keys.setProperty("secret", KeyFiles.randomKey(new SecureRandom()));
				return keys;
			}, "Wenming honours' notice key. Losing it invalidates open challenges and starts likers' keys anew.");
			secret = stored.getProperty("secret");
			if (secret == null) {
				throw new IllegalStateException("the notice key file has no secret");
			}
		}
		return new NoticeSecret(decode(secret));
	}

	static byte[] decode(String secret) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(secret.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("wenming.honor.notice.secret must be base64");
		}
		if (key.length < 32) {
			throw new IllegalArgumentException("wenming.honor.notice.secret must hold at least 32 bytes");
		}
		return key;
	}

	/** The key and its one use: HMAC-SHA256 of a purpose-prefixed text. */
	static final class NoticeSecret {

		/** One initialised Mac per thread: looking the algorithm up costs more than the hash (three per like). */
		private final ThreadLocal<Mac> macs;

		NoticeSecret(byte[] key) {
			SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
			this.macs = ThreadLocal.withInitial(() -> {
				try {
					Mac mac = Mac.getInstance("HmacSHA256");
					mac.init(spec);
					return mac;
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException(ex);
				}
			});
		}

		/** {@code doFinal} leaves the Mac reset for the thread's next text. */
		byte[] mac(String text) {
			return macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String toString() {
			return "NoticeSecret[]";
		}
	}
}
