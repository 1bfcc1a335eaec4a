package org.wenming.servicedesk.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;

/**
 * An order's before-photos (the resident's): checked by casework's photo rules ({@link CasePhotos#check}:
 * content-checked, re-encoded, no EXIF), kept in the object store's {@code servicedesk} area (no web route
 * serves it), a row each in {@code service_order_photo} (stage BEFORE), read back only through the
 * application by those who may see the order.
 */
@Service
public class OrderPhotos {

	/** Before-photos one order may carry. */
	public static final int MAX_BEFORE = 3;

	/** The form's and the JSON's field. */
	public static final String FIELD = "photos";

	private static final Logger log = LoggerFactory.getLogger(OrderPhotos.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final CasePhotos rules;

	private final ObjectStore files;

	private final Clock clock;

	OrderPhotos(JdbcClient jdbc, CasePhotos rules, ObjectStores stores, Clock clock) {
		this.jdbc = jdbc;
		this.rules = rules;
		this.files = stores.area("servicedesk", null);
		this.clock = clock;
	}

	/** A photo of an order, as listed. */
	public record Photo(long id, long orderId, String stage, String contentType, int width, int height, int bytes,
			String uploadedBy, OffsetDateTime uploadedAt) {
	}

	/** A photo's bytes. */
	public record Content(String contentType, byte[] bytes) {
	}

	/**
	 * Checks and re-encodes the uploads (empty ones skipped) before anything is stored.
	 *
	 * @throws InvalidInputException on {@code photos}: more than {@link #MAX_BEFORE}, one too large or not an
	 *     acceptable image
	 */
	public List<CasePhotos.CheckedPhoto> check(List<byte[]> uploads) {
		List<byte[]> chosen = uploads == null ? List.of() : uploads.stream().filter(u -> u != null && u.length > 0).toList();
		if (chosen.size() > MAX_BEFORE) {
			throw new InvalidInputException(FIELD, "servicedesk.order.error.tooManyPhotos");
		}
		List<CasePhotos.CheckedPhoto> checked = new ArrayList<>();
		for (byte[] upload : chosen) {
			if (upload.length > rules.maxUploadBytes()) {
				throw new InvalidInputException(FIELD, "casework.photo.tooLarge");
			}
			try {
				checked.add(rules.check(upload));
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException(FIELD, ex.getMessage());
			}
		}
		return checked;
	}

	/** The largest upload accepted, in bytes (for the form's hint and the JSON's size check). */
	public long maxUploadBytes() {
		return rules.maxUploadBytes();
	}

	/**
	 * Stores checked photos with an order in the caller's transaction: each object first, then its row; the
	 * objects are removed again when the transaction rolls back, so neither a row without its object nor an
	 * object without its row is left.
	 */
	void store(long orderId, String stage, List<CasePhotos.CheckedPhoto> photos, String uploadedBy) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		for (CasePhotos.CheckedPhoto photo : photos) {
			byte[] bytes = photo.bytes();
			String key = "orders/" + orderId + "/" + newName() + (photo.contentType().endsWith("png") ? ".png" : ".jpg");
			files.put(key, bytes);
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
			jdbc.sql("""
					insert into service_order_photo (order_id, stage, object_key, content_type, width, height, bytes,
					    uploaded_by, uploaded_at)
					values (:order, :stage, :key, :type, :width, :height, :bytes, :by, :now)""").param("order", orderId)
					.param("stage", stage).param("key", key).param("type", photo.contentType())
					.param("width", photo.width()).param("height", photo.height()).param("bytes", bytes.length)
					.param("by", uploadedBy).param("now", now).update();
		}
	}

	/** An order's photos, before first, each stage in upload order. */
	public List<Photo> list(long orderId) {
		return jdbc.sql("""
				select id, order_id, stage, content_type, width, height, bytes, uploaded_by, uploaded_at
				from service_order_photo where order_id = :order order by stage desc, id""").param("order", orderId)
				.query((rs, i) -> new Photo(rs.getLong("id"), rs.getLong("order_id"), rs.getString("stage"),
						rs.getString("content_type"), rs.getInt("width"), rs.getInt("height"), rs.getInt("bytes"),
						rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class)))
				.list();
	}

	/**
	 * A photo of the order, for a caller that has checked who may see the order.
	 *
	 * @return empty when the order has no such photo (or its object is gone)
	 */
	public Optional<Content> open(long orderId, long photoId) {
		return jdbc.sql("select object_key, content_type from service_order_photo where id = :id and order_id = :order")
				.param("id", photoId).param("order", orderId)
				.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) }).optional()
				.flatMap(row -> files.get(row[0]).map(in -> {
					try (InputStream stream = in) {
						return new Content(row[1], stream.readAllBytes());
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}));
	}

	/** Whether a photo's object is stored (for checks and tests). */
	public boolean objectExists(long photoId) {
		return jdbc.sql("select object_key from service_order_photo where id = :id").param("id", photoId)
				.query(String.class).optional().map(files::exists).orElse(false);
	}

	private void delete(String key) {
		try {
			files.delete(key);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the unused order photo object {}: {}", key, ex.getClass().getSimpleName());
		}
	}

	private static String newName() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}
}
