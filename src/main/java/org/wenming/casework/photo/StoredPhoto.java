package org.wenming.casework.photo;

import java.time.OffsetDateTime;

/**
 * A case photo as stored: always re-encoded by {@link CasePhotos}, so {@code contentType} is
 * {@code image/jpeg} or {@code image/png} whatever was uploaded.
 *
 * @param sha256 hex digest of the stored bytes
 */
public record StoredPhoto(long id, long caseId, PhotoStage stage, String contentType, int width, int height,
		int byteSize, String sha256, OffsetDateTime uploadedAt, String uploadedBy) {
}
