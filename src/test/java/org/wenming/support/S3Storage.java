package org.wenming.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * The application with its files in {@link S3ProxyServer}'s bucket (under {@code app/}) instead of the
 * data folder: what a node of a cluster runs with. The classes that use it share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = { "wenming.storage.type=S3", "wenming.storage.s3.endpoint=http://127.0.0.1:18201",
		"wenming.storage.s3.bucket=" + S3ProxyServer.BUCKET, "wenming.storage.s3.prefix=app",
		"wenming.storage.s3.access-key=" + S3ProxyServer.ACCESS_KEY,
		"wenming.storage.s3.secret-key=" + S3ProxyServer.SECRET_KEY, "wenming.storage.s3.connect-timeout=2s",
		"wenming.storage.retry-after=45s" })
public @interface S3Storage {
}
