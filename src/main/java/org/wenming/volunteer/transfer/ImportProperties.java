package org.wenming.volunteer.transfer;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.DatabaseProperties;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The bulk import's settings (批量导入).
 *
 * @param maxFileSize larger uploads are refused with 413 (Spring's multipart limit is set just above it)
 * @param maxInflatedSize an XLSX whose entries inflate to more than this is refused as a zip bomb
 * @param workDirectory the local store's folder of the jobs' files (one folder per job: the upload, the
 *        error report); none means {@code imports} in the data folder; an S3 store keeps them under
 *        {@code imports/} in the bucket
 * @param bulkLoadMinRows a file at least this large, and at least as large as the volunteer table,
 *        builds the volunteer table's indexes once after the insert; 0 never does
 * @param workers how many imports this node runs at once (the cluster runs as many per node); 0: this
 *        node runs none, others take its jobs
 * @param pollInterval how often an idle worker looks for a queued job (a submit on its own node wakes it at once)
 * @param uploadRetention how long the upload of a failed or interrupted job is kept to run it again
 */
@Validated
@ConfigurationProperties("wenming.volunteers.import")
public record ImportProperties(@NotNull @DefaultValue("200MB") DataSize maxFileSize,
		@NotNull @DefaultValue("2GB") DataSize maxInflatedSize, Path workDirectory,
		@PositiveOrZero @DefaultValue("100000") long bulkLoadMinRows, @Min(0) @Max(16) @DefaultValue("1") int workers,
		@NotNull @DefaultValue("5s") Duration pollInterval, @NotNull @DefaultValue("7d") Duration uploadRetention) {

	@AssertTrue(message = "poll-interval must be between 100ms and 10m")
	public boolean isPollIntervalSensible() {
		return pollInterval == null || pollInterval.compareTo(Duration.ofMillis(100)) >= 0
				&& pollInterval.compareTo(Duration.ofMinutes(10)) <= 0;
	}

	@AssertTrue(message = "max-file-size and max-inflated-size must be at least 1KB")
	public boolean isSizesPositive() {
		return maxFileSize == null || maxInflatedSize == null
				|| maxFileSize.toBytes() >= 1024 && maxInflatedSize.toBytes() >= 1024;
	}

	/** The folder of the jobs' files, as an absolute path. */
	Path workDirectory(DatabaseProperties database) {
		Path folder = workDirectory != null ? workDirectory : database.embeddedDirectory().resolve("imports");
		return folder.toAbsolutePath();
	}
}
