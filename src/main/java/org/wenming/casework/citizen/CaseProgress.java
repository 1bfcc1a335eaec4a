package org.wenming.casework.citizen;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.casework.photo.StoredPhoto;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;

/**
 * What a reporter may see of their case (跟踪进度) and their rating of the outcome (评价): status, dates,
 * the history of status changes without who made them or why, and the photos. Never the description,
 * the address, a name or a contact, so a follow link passed on discloses nothing personal.
 */
@Service
class CaseProgress {

	private final Cases cases;

	private final CasePhotos photos;

	private final Regions regions;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CaseProgress(Cases cases, CasePhotos photos, Regions regions, JdbcClient jdbc, TransactionTemplate transactions,
			Clock clock) {
		this.cases = cases;
		this.photos = photos;
		this.regions = regions;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	Optional<Progress> byToken(String token) {
		return cases.findByFollowToken(token).map(this::progress);
	}

	/** A case the signed-in person reported, by its number; empty for anyone else's. */
	Optional<Progress> ofReporter(long userId, String caseNumber) {
		if (caseNumber == null || caseNumber.length() > 24) {
			return Optional.empty();
		}
		return cases.findByNumber(caseNumber).filter(c -> reporterOf(c.id()).filter(id -> id == userId).isPresent())
				.map(this::progress);
	}

	/** The cases a signed-in person reported, newest first. */
	List<Progress> reportedBy(long userId) {
		return jdbc.sql("select * from rectification_case where reporter_user_id = :user order by reported_at desc, id desc limit 200")
				.param("user", userId).query(Cases::view).list().stream().map(this::summary).toList();
	}

	private Optional<Long> reporterOf(long caseId) {
		return jdbc.sql("select reporter_user_id from rectification_case where id = :id").param("id", caseId)
				.query((rs, row) -> rs.getObject(1, Long.class)).optional();
	}

	private Progress summary(CaseView c) {
		return new Progress(c.id(), c.caseNumber(), c.categoryCode(), c.status(), placeOf(c), c.reportedAt(),
				c.registeredAt(), c.dispatchedAt(), c.dueAt(), c.closedAt(), c.closedOnTime(), null, c.rating(), null,
				List.of(), List.of(), List.of());
	}

	private Progress progress(CaseView c) {
		List<StoredPhoto> all = photos.list(c.id());
		String mergedInto = c.mergedIntoId() == null ? null
				: cases.find(c.mergedIntoId()).map(CaseView::caseNumber).orElse(null);
		return new Progress(c.id(), c.caseNumber(), c.categoryCode(), c.status(), placeOf(c), c.reportedAt(),
				c.registeredAt(), c.dispatchedAt(), c.dueAt(), c.closedAt(), c.closedOnTime(), mergedInto, c.rating(),
				c.ratingComment(), history(c.id()), all.stream().filter(p -> p.stage() == PhotoStage.BEFORE).toList(),
				all.stream().filter(p -> p.stage() == PhotoStage.AFTER).toList());
	}

	private String placeOf(CaseView c) {
		return regions.find(c.regionCode()).map(r -> r.name()).orElse("");
	}

	/** Status changes and the rating only: actors, reasons and details stay with staff. */
	private List<Progress.Step> history(long caseId) {
		return jdbc.sql("""
				select kind, to_status, occurred_at from case_event
				where case_id = :case and (to_status is not null or kind = 'RATED') order by occurred_at, id""")
				.param("case", caseId)
				.query((rs, row) -> new Progress.Step(rs.getString("kind"),
						rs.getString("to_status") == null ? null : CaseStatus.valueOf(rs.getString("to_status")),
						rs.getObject("occurred_at", OffsetDateTime.class).atZoneSameInstant(CityTime.ZONE)
								.toOffsetDateTime()))
				.list();
	}

	/**
	 * The reporter's rating of a closed case, once.
	 *
	 * @throws InvalidInputException on {@code rating} (1-5; not closed yet; already rated) or {@code comment}
	 */
	void rate(long caseId, String rating, String comment, String ratedBy) {
		int value;
		try {
			value = Integer.parseInt(rating == null ? "" : rating.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("rating", "casework.citizen.rating.range");
		}
		if (value < 1 || value > 5) {
			throw new InvalidInputException("rating", "casework.citizen.rating.range");
		}
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > 500) {
			throw new InvalidInputException("comment", "casework.citizen.rating.commentLength");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		transactions.executeWithoutResult(tx -> {
			// one statement decides: only a closed case not yet rated takes a rating, even under a double click
			int rated = jdbc.sql("""
					update rectification_case set rating = :rating, rating_comment = :comment, rated_at = :now,
					    updated_at = :now, version = version + 1
					where id = :id and status = 'CLOSED' and rating is null""").param("rating", value)
					.param("comment", text).param("now", Timestamp.from(now)).param("id", caseId).update();
			if (rated == 0) {
				CaseStatus status = cases.find(caseId).map(CaseView::status).orElse(null);
				throw new InvalidInputException("rating", status == CaseStatus.CLOSED
						? "casework.citizen.rating.already" : "casework.citizen.rating.notClosed");
			}
			jdbc.sql("""
					insert into case_event (case_id, kind, from_status, to_status, actor, detail, occurred_at)
					values (:id, 'RATED', null, null, :by, cast(:detail as jsonb), :now)""").param("id", caseId)
					.param("by", ratedBy).param("detail", "{\"rating\":" + value + "}")
					.param("now", Timestamp.from(now)).update();
		});
	}
}
