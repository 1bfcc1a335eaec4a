package org.wenming.casework.photo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStoreUnavailableException;
import org.wenming.platform.ObjectStores;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.CityTime;

/**
 * Case photos (整改前/整改后照片): checked by content, re-encoded from their pixels (so no EXIF, GPS,
 * comment or appended payload survives), kept in the object store's {@code photos} area (a folder no
 * web route serves, or a bucket), and listed and opened only through the application.
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

	/** Not final only for the tests, which put the same application's photos in an S3 bucket ({@link #useStore}). */
	private volatile ObjectStore files;

	private final Clock clock;

	/** Bounds the memory of decoding: each decode may hold up to maxPixels × 4 bytes. */
	private final Semaphore decodes;

	CasePhotos(JdbcClient jdbc, TransactionTemplate transactions, PhotoProperties properties, Clock clock,
			ObjectStores stores) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.properties = properties;
		this.sanitizer = new PhotoSanitizer(properties);
		this.clock = clock;
		this.files = stores.area("photos", properties.directory());
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

		/** The re-encoded image (no metadata), for a module that keeps the photo in its own store. */
		public byte[] bytes() {
			return clean.bytes().clone();
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
	 * Stores a photo already checked: the object first, then its row, so no row points at a missing
	 * photo. Inside a transaction the row joins it, and the object is removed again if that transaction
	 * rolls back.
	 *
	 * @throws ObjectStoreUnavailableException when the store cannot take the photo; nothing is stored
	 */
	public StoredPhoto store(long caseId, PhotoStage stage, CheckedPhoto photo, String uploadedBy) {
		PhotoSanitizer.Clean clean = photo.clean;
		String key = newKey();
		byte[] digest = sha256(clean.bytes());
		files.put(key, clean.bytes());
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
							delete(key);
						}
					}
				});
			}
			return stored;
		}
		catch (RuntimeException ex) {
			delete(key);
			throw ex;
		}
	}

	/** A case's photos, before the fix first, each stage in upload order. */
	public List<StoredPhoto> list(long caseId) {
		return jdbc.sql("select * from case_photo where case_id = :case order by stage desc, id")
				.param("case", caseId).query(CasePhotos::photo).list();
	}

	/**
	 * A photo's stored bytes; empty when there is no such photo (or its file is gone).
	 *
	 * @throws ObjectStoreUnavailableException when the store cannot be reached
	 */
	public Optional<PhotoContent> open(long photoId) {
		return jdbc.sql("select * from case_photo where id = :id").param("id", photoId)
				.query((rs, row) -> new Row(photo(rs, row), rs.getString("storage_key"))).optional()
				.flatMap(row -> {
					Optional<InputStream> stored = files.get(row.key());
					if (stored.isEmpty()) {
						log.warn("The file of case photo {} is missing", photoId);
						return Optional.empty();
					}
					// a photo is at most a few MB (maxEdge), so its bytes are read whole, as the page serves them
					try (InputStream in = stored.get()) {
						return Optional.of(new PhotoContent(row.photo(), in.readAllBytes()));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
	}

	/** Test seam: keeps photos in another store from now on; returns the one used so far. */
	ObjectStore useStore(ObjectStore store) {
		ObjectStore before = files;
		files = store;
		return before;
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

	/** The object of a stored-then-abandoned photo; a store that fails now leaves a stray object, never a row without one. */
	private void delete(String key) {
		try {
			files.delete(key);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the unused photo object {}: {}", key, ex.getClass().getSimpleName());
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
