package org.wenming.platform;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The object store chosen by {@code wenming.storage.type}, handed out by area: each module keeps its
 * files in an area of its own ({@code photos}, {@code imports}), a folder of the data folder on the
 * local disk (where they have always been, so an existing installation keeps its files) or a prefix
 * in the bucket.
 */
@Component
@EnableConfigurationProperties(StorageProperties.class)
public class ObjectStores implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(ObjectStores.class);

	private final StorageProperties properties;

	private final Path localRoot;

	private final S3Client s3;

	ObjectStores(StorageProperties properties, DatabaseProperties database) {
		this.properties = properties;
		this.localRoot = properties.directory() != null ? properties.directory() : database.embeddedDirectory();
		this.s3 = properties.type() == StorageProperties.Type.S3 ? client(properties.s3()) : null;
		if (s3 != null) {
			log.info("Files are kept in the object store {}", properties.s3());
		}
	}

	/**
	 * A module's area.
	 *
	 * @param name the area's folder or prefix ({@code photos})
	 * @param localDirectory the module's own folder setting, used by the local store instead of
	 *        {@code <data folder>/<name>}; ignored by S3
	 */
	public ObjectStore area(String name, Path localDirectory) {
		ObjectStore.requireKey(name);
		if (s3 == null) {
			return new LocalObjectStore(localDirectory != null ? localDirectory : localRoot.resolve(name),
					properties.retryAfter());
		}
		String prefix = properties.s3().prefix() == null || properties.s3().prefix().isEmpty() ? ""
				: properties.s3().prefix() + "/";
		return new S3ObjectStore(s3, properties.s3().bucket(), prefix + name + "/", properties.retryAfter());
	}

	public StorageProperties.Type type() {
		return properties.type();
	}

	static S3Client client(StorageProperties.S3 settings) {
		S3ClientBuilder builder = S3Client.builder().region(Region.of(settings.region()))
			.forcePathStyle(settings.pathStyle())
			.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout())
				.socketTimeout(settings.readTimeout()))
			// MinIO, Ceph, OSS and COS do not all know the CRC checksums newer SDKs send by default
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
		if (settings.endpoint() != null) {
			builder.endpointOverride(settings.endpoint());
		}
		if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
			builder.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
		}
		return builder.build();
	}

	@Override
	public void destroy() {
		if (s3 != null) {
			s3.close();
		}
	}
}
