package org.wenming.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Objects in a bucket of an S3-compatible store, under a prefix. A PUT is atomic (a reader sees the
 * old object or the new one); its body is a byte array (photos) or a file (uploads, reports: a stream
 * of unknown length is spooled to a temp file first), so it can be re-read for signing and retries
 * without holding a large object in memory. A single PUT takes up to 5 GB, far above the import's limit.
 */
final class S3ObjectStore implements ObjectStore {

	private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);

	private final S3Client s3;

	private final String bucket;

	private final String prefix;

	private final Duration retryAfter;

	S3ObjectStore(S3Client s3, String bucket, String prefix, Duration retryAfter) {
		this.s3 = s3;
		this.bucket = bucket;
		this.prefix = prefix;
		this.retryAfter = retryAfter;
	}

	@Override
	public void put(String key, byte[] bytes) {
		String name = name(key);
		call(() -> s3.putObject(b -> b.bucket(bucket).key(name).contentLength((long) bytes.length),
				RequestBody.fromBytes(bytes)));
	}

	@Override
	public void put(String key, InputStream content, long length) {
		name(key);
		Path spool = null;
		try {
			spool = Files.createTempFile("wenming-object-", ".tmp");
			Files.copy(content, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			putFile(key, spool);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot spool an object to a temp file", ex);
		}
		finally {
			if (spool != null) {
				try {
					Files.deleteIfExists(spool);
				}
				catch (IOException ex) {
					log.warn("Could not delete the temp file {}", spool.getFileName());
				}
			}
		}
	}

	@Override
	public void putFile(String key, Path file) {
		String name = name(key);
		call(() -> s3.putObject(b -> b.bucket(bucket).key(name), RequestBody.fromFile(file)));
	}

	@Override
	public Optional<InputStream> get(String key) {
		String name = name(key);
		try {
			return Optional.of(call(() -> s3.getObject(b -> b.bucket(bucket).key(name))));
		}
		catch (NoSuchKeyException gone) {
			return Optional.empty();
		}
	}

	@Override
	public boolean exists(String key) {
		String name = name(key);
		try {
			call(() -> s3.headObject(b -> b.bucket(bucket).key(name)));
			return true;
		}
		catch (NoSuchKeyException gone) {
			return false;
		}
	}

	@Override
	public void delete(String key) {
		String name = name(key);
		call(() -> s3.deleteObject(b -> b.bucket(bucket).key(name)));
	}

	private String name(String key) {
		return prefix + ObjectStore.requireKey(key);
	}

	private <T> T call(java.util.function.Supplier<T> request) {
		try {
			return request.get();
		}
		catch (NoSuchKeyException gone) {
			throw gone;
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(ex))) {
				// a HEAD has no body, so its 404 arrives without the NoSuchKey code
				throw NoSuchKeyException.builder().statusCode(404).message("no such key").build();
			}
			log.warn("The object store answered {} {}", ex.statusCode(), errorCode(ex));
			throw new ObjectStoreUnavailableException(retryAfter, ex);
		}
		catch (SdkException ex) {
			log.warn("The object store is unreachable: {}", ex.getClass().getSimpleName());
			throw new ObjectStoreUnavailableException(retryAfter, ex);
		}
	}

	private static String errorCode(S3Exception ex) {
		return ex.awsErrorDetails() == null ? "" : String.valueOf(ex.awsErrorDetails().errorCode());
	}
}
