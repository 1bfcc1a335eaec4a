package org.wenming.servicedesk.taking;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wenming.activity.Activities;
import org.wenming.activity.Shift;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.shared.ScopedUser;

/**
 * 完成: the dispatched team's leader (or staff whose scope covers the holding site) reports the service done,
 * only once the shift has started, with a note and after-photos (the casework photo rules: content-checked,
 * re-encoded, no EXIF; kept in the object store's {@code servicedesk} area). DISPATCHED → SERVED, and the
 * resident is told and invited to rate by their private link.
 */
@Service
public class Completion {

	static final int NOTE_MAX = 1000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final OrderSteps steps;

	private final Activities activities;

	private final CasePhotos photos;

	private final ObjectStore files;

	private final Clock clock;

	Completion(JdbcClient jdbc, OrderSteps steps, Activities activities, CasePhotos photos, ObjectStores stores,
			Clock clock) {
		this.jdbc = jdbc;
		this.steps = steps;
		this.activities = activities;
		this.photos = photos;
		this.files = stores.area("servicedesk", null);
		this.clock = clock;
	}

	/** The most after-photos one completion takes (the casework rule's per-stage limit). */
	public int maxPhotos() {
		return photos.maxPerStage();
	}

	/**
	 * Reports the order served. Bad input (no note, a note too long, too many photos, a photo that is not an
	 * acceptable image) → 400 naming the field; before the shift started or in another state → 409; neither
	 * the team's leader nor staff in scope → 404 and a security event. Nothing is stored when refused.
	 */
	@Transactional
	public void complete(long orderId, String note, List<byte[]> uploads, ScopedUser user) {
		String text = note == null ? "" : note.strip();
		if (text.isEmpty()) {
			throw ServiceRefusedException.invalid("note", "servicedesk.service.error.required");
		}
		if (text.length() > NOTE_MAX) {
			throw ServiceRefusedException.invalid("note", "servicedesk.service.error.noteLong");
		}
		List<byte[]> given = uploads == null ? List.of()
				: uploads.stream().filter(b -> b != null && b.length > 0).toList();
		if (given.size() > photos.maxPerStage()) {
			throw ServiceRefusedException.invalid("photos", "servicedesk.service.error.tooManyPhotos");
		}
		List<CasePhotos.CheckedPhoto> checked = new ArrayList<>();
		for (byte[] upload : given) {
			try {
				checked.add(photos.check(upload));
			}
			catch (InvalidInputException ex) {
				throw ServiceRefusedException.invalid("photos", ex.getMessage());
			}
		}
		OrderSteps.Order order = steps.lock(orderId);
		steps.requireTeamOrStaff(order, user);
		if (order.status() != OrderStatus.DISPATCHED || order.shiftId() == null) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.notDispatched");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		Shift shift = activities.shift(order.shiftId())
			.orElseThrow(() -> ServiceRefusedException.conflict("servicedesk.service.error.notDispatched"));
		if (shift.startsAt().toInstant().isAfter(now)) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.notStarted");
		}
		for (CasePhotos.CheckedPhoto photo : checked) {
			store(orderId, photo, user.username(), now);
		}
		jdbc.sql("update service_order set status = 'SERVED', served_at = :now, version = version + 1 where id = :id")
			.param("id", orderId).param("now", OrderSteps.at(now)).update();
		steps.event(order, "SERVED", OrderStatus.SERVED, user.username(), text, true, now);
		steps.tell(order, "SERVED");
	}

	/** The object first, then its row; the object is removed again if the transaction rolls back. */
	private void store(long orderId, CasePhotos.CheckedPhoto photo, String by, Instant now) {
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		String hex = HexFormat.of().formatHex(random);
		String key = "after/" + hex.substring(0, 2) + "/" + hex + (photo.contentType().endsWith("png") ? ".png" : ".jpg");
		files.put(key, photo.bytes());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					try {
						files.delete(key);
					}
					catch (RuntimeException ignored) {
						// an orphan object holds no personal data beyond the photo; the next clean-up may take it
					}
				}
			}
		});
		jdbc.sql("""
				insert into service_order_photo (order_id, stage, object_key, content_type, width, height, bytes, uploaded_by,
				    uploaded_at)
				values (:order, 'AFTER', :key, :type, :width, :height, :bytes, :by, :at)""").param("order", orderId)
			.param("key", key).param("type", photo.contentType()).param("width", photo.width())
			.param("height", photo.height()).param("bytes", photo.bytes().length).param("by", by)
			.param("at", OrderSteps.at(now)).update();
	}

	/** How many after-photos the order has. */
	public int afterPhotos(long orderId) {
		return jdbc.sql("select count(*) from service_order_photo where order_id = :id and stage = 'AFTER'")
			.param("id", orderId).query(Integer.class).single();
	}
}
