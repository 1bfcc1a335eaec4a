package org.wenming.casework.photo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.DatabaseProperties;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;

/**
 * Case photos (整改前/整改后照片): checked by content, re-encoded from their pixels (so no EXIF, GPS,
 * comment or appended payload survives), kept in a folder no web route serves, and listed and opened
 * only through the application.
 */
@Service
@EnableConfigurationProperties(PhotoProperties.class)
public class CasePhotos {

	private static final Logger log = LoggerFactory.getLogger(CasePhotos.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final PhotoProperties properties;

	private final PhotoSanitizer sanitizer;

	private final Path directory;

	private final Clock clock;

	/** Bounds the memory of decoding: each decode may hold up to maxPixels × 4 bytes. */
	private final Semaphore decodes;

	CasePhotos(JdbcClient jdbc, TransactionTemplate transactions, PhotoProperties properties, Clock clock,
			DatabaseProperties database) {
		Path directory = properties.directory() != null ? properties.directory()
				: database.embeddedDirectory().resolve("photos");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.sanitizer = new PhotoSanitizer(properties);
		this.clock = clock;
		this.directory = directory.toAbsolutePath().normalize();
		this.decodes = new Semaphore(properties.concurrentDecodes(), true);
	}

	/** An upload that passed every check, re-encoded and ready to be stored with a case. */
	public static final class CheckedPhoto {

		private final PhotoSanitizer.Clean clean;

		private CheckedPhoto(PhotoSanitizer.Clean clean) {
			this.clean = clean;
		}

		public String contentType() {
			return clean.contentType();
		}

		public int width() {
			return clean.width();
		}

		public int height() {
			return clean.height();
		}
	}

	/**
	 * Checks and re-encodes an upload without storing anything, so a form can refuse a bad photo before
	 * it creates the case the photo belongs to.
	 *
	 * @throws InvalidInputException on field {@code photo} when the upload is not an acceptable image
	 */
	public CheckedPhoto check(byte[] upload) {
		if (upload != null && upload.length > properties.maxUploadSize().toBytes()) {
			throw new InvalidInputException(PhotoSanitizer.FIELD, "casework.photo.tooLarge");
		}
		try {
			decodes.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting to decode a photo", ex);
		}
		try {
			return new CheckedPhoto(sanitizer.sanitize(upload));
		}
		finally {
			decodes.release();
		}
	}

	/**
	 * Checks, re-encodes and stores an upload as a photo of a case.
	 *
	 * @param uploadedBy the username, or {@code citizen}
	 * @throws InvalidInputException on field {@code photo}: not an acceptable image, or the case already has
	 *     {@code maxPerStage} photos of this stage; nothing is stored
	 * @throws RecordNotFound when there is no such case
	 */
	public StoredPhoto store(long caseId, PhotoStage stage, byte[] upload, String uploadedBy) {
		requireRoom(caseId, stage);
		return store(caseId, stage, check(upload), uploadedBy);
	}

	/**
	 * Stores a photo already checked. Inside a transaction the row joins it, and the file is removed again
	 * if that transaction rolls back.
	 */
	public StoredPhoto store(long caseId, PhotoStage stage, CheckedPhoto photo, String uploadedBy) {
		PhotoSanitizer.Clean clean = photo.clean;
		String key = newKey();
		Path file = fileOf(key);
		byte[] digest = sha256(clean.bytes());
		write(file, clean.bytes());
		try {
			StoredPhoto stored = transactions.execute(tx -> {
				lockAndCount(caseId, stage);
				OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atZone(CityTime.ZONE)
						.toOffsetDateTime();
				long id = jdbc.sql("""
						insert into case_photo (case_id, stage, storage_key, content_type, width, height, byte_size,
						    sha256, uploaded_at, uploaded_by)
						values (:case, :stage, :key, :type, :width, :height, :size, :sha, :now, :by)
						returning id""").param("case", caseId).param("stage", stage.name()).param("key", key)
						.param("type", clean.contentType()).param("width", clean.width()).param("height", clean.height())
						.param("size", clean.bytes().length).param("sha", digest)
						.param("now", Timestamp.from(now.toInstant())).param("by", uploadedBy).query(Long.class)
						.single();
				return new StoredPhoto(id, caseId, stage, clean.contentType(), clean.width(), clean.height(),
						clean.bytes().length, HexFormat.of().formatHex(digest), now, uploadedBy);
			});
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						if (status != STATUS_COMMITTED) {
							delete(file);
						}
					}
				});
			}
			return stored;
		}
		catch (RuntimeException ex) {
			delete(file);
			throw ex;
		}
	}

	/** A case's photos, before the fix first, each stage in upload order. */
	public List<StoredPhoto> list(long caseId) {
		return jdbc.sql("select * from case_photo where case_id = :case order by stage desc, id")
				.param("case", caseId).query(CasePhotos::photo).list();
	}

	/** A photo's stored bytes; empty when there is no such photo (or its file is gone). */
	public Optional<PhotoContent> open(long photoId) {
		return jdbc.sql("select * from case_photo where id = :id").param("id", photoId)
				.query((rs, row) -> new Row(photo(rs, row), rs.getString("storage_key"))).optional()
				.flatMap(row -> {
					try {
						return Optional.of(new PhotoContent(row.photo(), Files.readAllBytes(fileOf(row.key()))));
					}
					catch (NoSuchFileException gone) {
						log.warn("The file of case photo {} is missing", photoId);
						return Optional.empty();
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
	}

	public int maxPerStage() {
		return properties.maxPerStage();
	}

	public long maxUploadBytes() {
		return properties.maxUploadSize().toBytes();
	}

	private record Row(StoredPhoto photo, String key) {
	}

	/** Refuses early, before any decoding, when the case is full or missing. */
	private void requireRoom(long caseId, PhotoStage stage) {
		int count = jdbc.sql("""
				select (select count(*) from case_photo p where p.case_id = c.id and p.stage = :stage)
				from rectification_case c where c.id = :case""").param("case", caseId).param("stage", stage.name())
				.query(Integer.class).optional().orElseThrow(RecordNotFound::new);
		if (count >= properties.maxPerStage()) {
			throw new InvalidInputException(PhotoSanitizer.FIELD, "casework.photo.tooMany");
		}
	}

	/** The case row is locked so that two uploads at once cannot both take the last place. */
	private void lockAndCount(long caseId, PhotoStage stage) {
		jdbc.sql("select id from rectification_case where id = :case for update").param("case", caseId)
				.query(Long.class).optional().orElseThrow(RecordNotFound::new);
		int count = jdbc.sql("select count(*) from case_photo where case_id = :case and stage = :stage")
				.param("case", caseId).param("stage", stage.name()).query(Integer.class).single();
		if (count >= properties.maxPerStage()) {
			throw new InvalidInputException(PhotoSanitizer.FIELD, "casework.photo.tooMany");
		}
	}

	private static StoredPhoto photo(ResultSet rs, int row) throws SQLException {
		OffsetDateTime at = rs.getObject("uploaded_at", OffsetDateTime.class);
		return new StoredPhoto(rs.getLong("id"), rs.getLong("case_id"), PhotoStage.valueOf(rs.getString("stage")),
				rs.getString("content_type"), rs.getInt("width"), rs.getInt("height"), rs.getInt("byte_size"),
				HexFormat.of().formatHex(rs.getBytes("sha256")), at.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime(),
				rs.getString("uploaded_by"));
	}

	/** 128 random bits, spread over 256 sub-folders so no folder grows too large. */
	private static String newKey() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		String hex = HexFormat.of().formatHex(bytes);
		return hex.substring(0, 2) + "/" + hex;
	}

	private Path fileOf(String key) {
		Path file = directory.resolve(key).normalize();
		if (!file.startsWith(directory)) {
			throw new IllegalStateException("a storage key outside the photo folder: " + key);
		}
		return file;
	}

	/**
	 * Temp file then move: a reader never sees half a photo, a crash leaves at most a stray temp file.
	 * The folder is made on the first photo, owner-only, so a start that stores none (an external
	 * database, a test) leaves no data folder behind.
	 */
	private void write(Path file, byte[] bytes) {
		try {
			if (!Files.isDirectory(directory)) {
				Files.createDirectories(directory);
				try {
					Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
				}
				catch (UnsupportedOperationException notPosix) {
					// Windows: the folder inherits its parent's access rules
				}
			}
			Files.createDirectories(file.getParent());
			Path temp = Files.createTempFile(file.getParent(), ".upload-", ".tmp");
			try {
				Files.write(temp, bytes);
				try {
					Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
				}
				catch (AtomicMoveNotSupportedException ex) {
					Files.move(temp, file);
				}
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot store a case photo", ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not remove the unused photo file {}", file.getFileName(), ex);
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
