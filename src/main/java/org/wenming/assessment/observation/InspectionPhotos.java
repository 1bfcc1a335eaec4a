package org.wenming.assessment.observation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.shared.ScopedUser;

/**
 * Photos taken at a place: checked by content and re-encoded without metadata by casework's photo rules,
 * kept in the object store's {@code assessment} area (never served by a web route of its own), and read
 * back only by those who may see the place.
 */
@Service
public class InspectionPhotos {

	private static final Logger log = LoggerFactory.getLogger(InspectionPhotos.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InspectorAssignments assignments;

	private final Observations observations;

	private final CasePhotos photos;

	private final ObjectStore files;

	private final Clock clock;

	InspectionPhotos(JdbcClient jdbc, TransactionTemplate transactions, InspectorAssignments assignments,
			Observations observations, CasePhotos photos, ObjectStores stores, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.assignments = assignments;
		this.observations = observations;
		this.photos = photos;
		this.files = stores.area("assessment", observations.properties().directory());
		this.clock = clock;
	}

	public record Stored(long id, long roundId, long placeId, Long criterionId, String contentType, int width,
			int height, int bytes, String objectKey) {
	}

	public record Content(String contentType, byte[] bytes) {
	}

	/**
	 * Checks, re-encodes and stores a photo of the place (of one criterion, or of the place as a whole).
	 *
	 * @throws InvalidInputException {@code photo} not an acceptable image or the place has all the photos
	 *     it may have; {@code criterionId} not on this place's checklist; nothing stored
	 */
	public Stored add(ScopedUser user, long roundId, long placeId, Long criterionId, byte[] upload) {
		// refused early, before decoding, when the place may take no photo
		Assignment place = observations.member(user, assignments.find(user.userId(), roundId, placeId), roundId,
				placeId);
		observations.requireWritable(place);
		requireCriterion(place, criterionId);
		CasePhotos.CheckedPhoto checked = photos.check(upload);
		byte[] bytes = checked.bytes();
		String key = "r" + roundId + "/p" + placeId + "/" + newName() + (checked.contentType().endsWith("png") ? ".png" : ".jpg");
		files.put(key, bytes);
		try {
			return transactions.execute(tx -> {
				Assignment locked = observations.member(user, assignments.lock(user.userId(), roundId, placeId), roundId,
						placeId);
				observations.requireWritable(locked);
				int count = jdbc.sql("select count(*) from assessment_photo where round_id = :round and place_id = :place")
						.param("round", roundId).param("place", placeId).query(Integer.class).single();
				if (count >= observations.properties().maxPhotosPerPlace()) {
					throw new InvalidInputException("photo", "assessment.observe.error.tooManyPhotos");
				}
				long id = jdbc.sql("""
						insert into assessment_photo (round_id, place_id, criterion_id, object_key, content_type, width,
						    height, bytes, uploaded_by, uploaded_at)
						values (:round, :place, :criterion, :key, :type, :width, :height, :bytes, :user, :now)
						returning id""").param("round", roundId).param("place", placeId).param("criterion", criterionId)
						.param("key", "assessment/" + key).param("type", checked.contentType())
						.param("width", checked.width()).param("height", checked.height()).param("bytes", bytes.length)
						.param("user", user.userId()).param("now", Timestamp.from(Instant.now(clock)))
						.query(Long.class).single();
				return new Stored(id, roundId, placeId, criterionId, checked.contentType(), checked.width(),
						checked.height(), bytes.length, "assessment/" + key);
			});
		}
		catch (RuntimeException ex) {
			try {
				files.delete(key);
			}
			catch (RuntimeException gone) {
				log.warn("Could not remove the unused photo object {}: {}", key, gone.getClass().getSimpleName());
			}
			throw ex;
		}
	}

	private void requireCriterion(Assignment place, Long criterionId) {
		if (criterionId != null && assignments.criteria(place).stream()
				.noneMatch(c -> c.id() == criterionId)) {
			throw new InvalidInputException("criterionId", "assessment.observe.error.notThisChecklist");
		}
	}

	/**
	 * A photo of the place, to those who may see it.
	 *
	 * @return empty when the place has no such photo (or its object is gone)
	 */
	public Optional<Content> open(ScopedUser user, long roundId, long placeId, long photoId) {
		observations.readable(user, roundId, placeId);
		return jdbc.sql("""
				select object_key, content_type from assessment_photo
				where id = :id and round_id = :round and place_id = :place""").param("id", photoId)
				.param("round", roundId).param("place", placeId)
				.query((rs, row) -> new String[] { rs.getString("object_key"), rs.getString("content_type") }).optional()
				.flatMap(row -> files.get(row[0].substring("assessment/".length())).map(in -> {
					try (InputStream stream = in) {
						return new Content(row[1], stream.readAllBytes());
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}));
	}

	/** Whether the stored object of a photo row exists (for checks and tests). */
	/**
	 * A stored photo's bytes by its key, for the module's own work (the hand-over attaches it to the case):
	 * no access check, which {@link #open} makes for people.
	 */
	public Optional<java.io.InputStream> stored(String objectKey) {
		return files.get(objectKey);
	}

	/**
	 * Stores bytes under a key as the phone's photos are kept (tests that make observations by SQL put
	 * their photo here, so the hand-over finds it where it finds the phone's).
	 */
	public void put(String objectKey, byte[] bytes) {
		files.put(objectKey, bytes);
	}

	public boolean objectExists(String objectKey) {
		return objectKey.startsWith("assessment/") && files.exists(objectKey.substring("assessment/".length()));
	}

	private static String newName() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}
}
