package org.wenming.volunteer.transfer;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.wenming.platform.DatabaseProperties;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The bulk import's settings (批量导入).
 *
 * @param maxFileSize larger uploads are refused with 413 (Spring's multipart limit is set just above it)
 * @param maxInflatedSize an XLSX whose entries inflate to more than this is refused as a zip bomb
 * @param workDirectory one folder per job (the upload until the job ends, the error report); none
 *        means {@code imports} in the embedded database's data folder
 * @param bulkLoadMinRows a file at least this large, and at least as large as the volunteer table,
 *        builds the volunteer table's indexes once after the insert; 0 never does
 */
@Validated
@ConfigurationProperties("wenming.volunteers.import")
public record ImportProperties(@NotNull @DefaultValue("200MB") DataSize maxFileSize,
		@NotNull @DefaultValue("2GB") DataSize maxInflatedSize, Path workDirectory,
		@PositiveOrZero @DefaultValue("100000") long bulkLoadMinRows) {

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
