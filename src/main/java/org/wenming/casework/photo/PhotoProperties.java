package org.wenming.casework.photo;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Case photo settings ({@code wenming.casework.photos.*}).
 *
 * @param maxUploadSize the largest upload accepted, before decoding
 * @param maxPixels the most pixels (width × height) an upload may declare; checked from the header, before decoding
 * @param minEdge the shortest side accepted, in pixels
 * @param maxEdge stored photos are scaled down so that neither side exceeds this
 * @param jpegQuality the quality photos are re-encoded with
 * @param maxPerStage how many photos a case may have before, and how many after, the fix
 * @param concurrentDecodes how many uploads are decoded at once (each may take {@code maxPixels × 4} bytes)
 * @param directory where the local store keeps re-encoded photos (never served as files; an S3 store keeps
 *        them under {@code photos/} in the bucket); none: {@code photos} in the
 *        data folder ({@code wenming.db.embedded-directory})
 */
@Validated
@ConfigurationProperties("wenming.casework.photos")
public record PhotoProperties(@NotNull @DefaultValue("10MB") DataSize maxUploadSize,
		@Min(1024) @DefaultValue("40000000") long maxPixels,
		@Min(1) @DefaultValue("32") int minEdge,
		@Min(64) @Max(16384) @DefaultValue("2560") int maxEdge,
		@DecimalMin("0.3") @DecimalMax("1.0") @DefaultValue("0.85") float jpegQuality,
		@Min(1) @Max(50) @DefaultValue("9") int maxPerStage,
		@Min(1) @Max(64) @DefaultValue("2") int concurrentDecodes, Path directory) {
}
