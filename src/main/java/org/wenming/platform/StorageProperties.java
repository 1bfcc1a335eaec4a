package org.wenming.platform;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Where files are kept ({@code wenming.storage.*}): photos, import uploads, error reports.
 *
 * @param type {@code LOCAL} (one machine: the data folder) or {@code S3} (several nodes: an
 *        S3-compatible object store)
 * @param directory the local store's folder; none: the data folder ({@code wenming.db.embedded-directory}),
 *        where the files have always been
 * @param retryAfter the {@code Retry-After} a request gets when the store is unavailable
 * @param s3 the S3-compatible store, when {@code type} is {@code S3}
 */
@Validated
@ConfigurationProperties("wenming.storage")
public record StorageProperties(@NotNull @DefaultValue("LOCAL") Type type, Path directory,
		@NotNull @DefaultValue("30s") Duration retryAfter, @Valid @NotNull @DefaultValue S3 s3) {

	public enum Type {
		LOCAL, S3
	}

	@AssertTrue(message = "wenming.storage.s3.bucket is needed when wenming.storage.type is S3")
	public boolean isBucketGivenForS3() {
		return type != Type.S3 || s3 == null || s3.bucket() != null && !s3.bucket().isBlank();
	}

	/**
	 * An S3-compatible object store (AWS S3, MinIO, Ceph RGW, Alibaba OSS, Tencent COS).
	 *
	 * @param endpoint the service's address ({@code http://minio:9000}, {@code https://oss-cn-shenzhen.aliyuncs.com},
	 *        {@code https://cos.ap-guangzhou.myqcloud.com}); none: AWS's own for the region
	 * @param region the region the bucket is in (MinIO and Ceph accept any)
	 * @param bucket the bucket, created beforehand
	 * @param prefix a folder inside the bucket every key goes under (several installations, one bucket); none: the bucket's root
	 * @param pathStyle {@code http://host/bucket/key} (MinIO, Ceph) instead of {@code http://bucket.host/key}
	 *        (Alibaba OSS and Tencent COS want {@code false})
	 * @param accessKey the access key id (env {@code WENMING_STORAGE_S3_ACCESSKEY}); none: the AWS SDK's
	 *        default credentials (environment, profile, instance role)
	 * @param secretKey its secret (env {@code WENMING_STORAGE_S3_SECRETKEY})
	 * @param connectTimeout how long a connection may take before the store counts as unavailable
	 * @param readTimeout how long a read may wait for the next bytes
	 */
	public record S3(URI endpoint, @NotBlank @DefaultValue("us-east-1") String region, String bucket, String prefix,
			@DefaultValue("true") boolean pathStyle, String accessKey, String secretKey,
			@NotNull @DefaultValue("5s") Duration connectTimeout, @NotNull @DefaultValue("60s") Duration readTimeout) {

		@AssertTrue(message = "wenming.storage.s3.access-key and secret-key are given together or not at all")
		public boolean isKeyPairComplete() {
			return (accessKey == null || accessKey.isBlank()) == (secretKey == null || secretKey.isBlank());
		}

		@AssertTrue(message = "wenming.storage.s3.prefix must be a relative folder such as wenming/zhaoqing")
		public boolean isPrefixAFolder() {
			return prefix == null || prefix.isEmpty() || ObjectStore.KEY.matcher(prefix).matches();
		}

		/** The secret never reaches a log. */
		@Override
		public String toString() {
			return "S3[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
					+ ", pathStyle=" + pathStyle + ", accessKey=" + (accessKey == null ? null : "***") + "]";
		}
	}
}
