package org.wenming.assessment.handover;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.assessment.observation.InspectionPhotos;
import org.wenming.assessment.score.ScoreProperties;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.platform.InvalidInputException;

/**
 * 交办: every criterion a closed round scored below full marks becomes a rectification case in the
 * place's village or community, source {@link CaseSource#ASSESSMENT}, category from the criterion
 * (or the configured default), at the place's position, with the first photo taken for that criterion.
 * Each failure is handed over in a transaction of its own, under a lock on its sampled place, and
 * recorded in {@code assessment_handover} (primary key: round, place, criterion), so a redelivered
 * event, a second node or a retry after a crash never creates a case twice. The case's due time comes
 * from casework's own rules when the county registers and dispatches it.
 */
@Service
public class Handovers {

	private static final Logger log = LoggerFactory.getLogger(Handovers.class);

	/** The object store's area the inspectors' photos are kept in ({@code assessment_photo.object_key} is a key there). */

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Cases cases;

	private final CasePhotos photos;

	/** Where the inspectors' photos are: the observation part's store, whatever its settings. */
	private final InspectionPhotos inspectionPhotos;

	private final MessageSource messages;

	private final ScoreProperties properties;

	private final Clock clock;

	Handovers(JdbcClient jdbc, PlatformTransactionManager transactions, Cases cases, CasePhotos photos,
			InspectionPhotos inspectionPhotos, MessageSource messages, ScoreProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.cases = cases;
		this.photos = photos;
		this.inspectionPhotos = inspectionPhotos;
		this.messages = messages;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * What one hand-over did.
	 *
	 * @param created cases created now
	 * @param withoutPhoto of those, cases whose criterion had no acceptable photo
	 */
	public record Result(int created, int withoutPhoto) {
	}

	/** One failed criterion at one place, as handed over. */
	record Failure(long placeId, long criterionId, String placeName, String placeType, String address,
			String regionCode, BigDecimal latitude, BigDecimal longitude, String criterionCode, String criterionText,
			String caseCategory, BigDecimal marks, BigDecimal fullMarks, String note, String photoKey) {
	}

	/**
	 * Hands over every failed criterion of a closed round not handed over yet; a round not closed hands
	 * over nothing.
	 */
	public Result handOver(long roundId) {
		Optional<String[]> round = jdbc.sql("select name, status from assessment_round where id = :id")
				.param("id", roundId).query((rs, n) -> new String[] { rs.getString("name"), rs.getString("status") })
				.optional();
		if (round.isEmpty() || !"CLOSED".equals(round.get()[1])) {
			log.warn("round {} is not closed; nothing handed over", roundId);
			return new Result(0, 0);
		}
		String reporter = "assessment:round-" + roundId;
		Map<String, String> categories = new HashMap<>();
		int created = 0;
		int withoutPhoto = 0;
		for (Failure failure : pending(roundId)) {
			String category = categories.computeIfAbsent(String.valueOf(failure.caseCategory()), this::category);
			Boolean photo = ownTransaction.execute(tx -> handOver(roundId, round.get()[0], failure, category, reporter));
			if (photo != null) {
				created++;
				withoutPhoto += photo ? 0 : 1;
			}
		}
		log.info("round {}: {} failed criteria handed over to casework ({} without a photo)", roundId, created,
				withoutPhoto);
		return new Result(created, withoutPhoto);
	}

	/** @return whether a photo went with the case; null when another delivery handed this one over first */
	private Boolean handOver(long roundId, String roundName, Failure failure, String category, String reporter) {
		// the sampled place's row serializes two deliveries of the same round; the one that comes second
		// finds the hand-over recorded and creates nothing
		jdbc.sql("select 1 from assessment_sample where round_id = :round and place_id = :place for update")
				.param("round", roundId).param("place", failure.placeId()).query(Integer.class).single();
		boolean done = jdbc.sql("""
				select exists (select 1 from assessment_handover
				               where round_id = :round and place_id = :place and criterion_id = :criterion)""")
				.param("round", roundId).param("place", failure.placeId()).param("criterion", failure.criterionId())
				.query(Boolean.class).single();
		if (done) {
			return null;
		}
		Cases.Reported reported = report(roundName, failure, category, reporter);
		boolean withPhoto = attachPhoto(reported.id(), failure, reporter);
		jdbc.sql("""
				insert into assessment_handover (round_id, place_id, criterion_id, case_id, case_number, handed_at)
				values (:round, :place, :criterion, :case, :number, :at)""").param("round", roundId)
				.param("place", failure.placeId()).param("criterion", failure.criterionId())
				.param("case", reported.id()).param("number", reported.caseNumber())
				.param("at", Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS))).update();
		return withPhoto;
	}

	private Cases.Reported report(String roundName, Failure failure, String category, String reporter) {
		Locale chinese = Locale.SIMPLIFIED_CHINESE;
		String type = messages.getMessage("assessment.placeType." + failure.placeType(), null, failure.placeType(),
				chinese);
		String note = failure.note() == null || failure.note().isBlank() ? ""
				: messages.getMessage("assessment.score.handover.note", new Object[] { failure.note().strip() }, chinese);
		String description = messages.getMessage("assessment.score.handover.description",
				new Object[] { roundName, failure.placeName(), type, failure.criterionCode(), failure.criterionText(),
						failure.marks().toPlainString(), failure.fullMarks().toPlainString(), note },
				chinese);
		if (description.length() > 2000) {
			description = description.substring(0, 2000);
		}
		String address = failure.address() == null ? failure.placeName() : failure.address();
		NewCase positioned = new NewCase(CaseSource.ASSESSMENT, category, description, address, failure.latitude(),
				failure.longitude(), failure.regionCode(), null, null, null, null);
		try {
			return cases.report(positioned, reporter);
		}
		catch (InvalidInputException ex) {
			if (!"latitude".equals(ex.field()) && !"longitude".equals(ex.field())) {
				throw ex;
			}
			// a place recorded with coordinates casework will not take (outside the city's box) is still a
			// problem in its village: handed over by region alone
			log.warn("place {}: position refused by casework ({}), handed over by region", failure.placeId(),
					ex.getMessage());
			return cases.report(new NewCase(CaseSource.ASSESSMENT, category, description, address, null, null,
					failure.regionCode(), null, null, null, null), reporter);
		}
	}

	private boolean attachPhoto(long caseId, Failure failure, String reporter) {
		if (failure.photoKey() == null) {
			return false;
		}
		Optional<InputStream> content = inspectionPhotos.stored(failure.photoKey());
		if (content.isEmpty()) {
			log.warn("photo {} of place {} is missing from the object store", failure.photoKey(), failure.placeId());
			return false;
		}
		byte[] bytes;
		try (InputStream in = content.get()) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			photos.store(caseId, PhotoStage.BEFORE, bytes, reporter);
			return true;
		}
		catch (InvalidInputException ex) {
			log.warn("photo {} of place {} refused by casework's photo rules: {}", failure.photoKey(),
					failure.placeId(), ex.getMessage());
			return false;
		}
	}

	/** The criterion's category when casework has it as an active leaf; the configured default otherwise. */
	private String category(String code) {
		Optional<CaseCategory> mapped = cases.category(code).filter(c -> c.leaf() && c.active());
		if (mapped.isPresent()) {
			return mapped.get().code();
		}
		return cases.category(properties.defaultCategory()).filter(c -> c.leaf() && c.active())
				.map(CaseCategory::code)
				.orElseThrow(() -> new IllegalStateException("wenming.assessment.score.default-category "
						+ properties.defaultCategory() + " is not an active leaf category of casework"));
	}

	/** The round's failures not handed over yet, place by place, in the framework's order. */
	List<Failure> pending(long roundId) {
		return jdbc.sql("""
				select o.place_id, o.criterion_id, p.name as place_name, p.place_type, p.address, p.region_code,
				       p.latitude, p.longitude, c.code, c.text, c.case_category, o.marks, o.full_marks, o.note,
				       (select f.object_key from assessment_photo f
				        where f.round_id = o.round_id and f.place_id = o.place_id and f.criterion_id = o.criterion_id
				        order by f.uploaded_at, f.id limit 1) as photo_key
				from assessment_observation o
				join assessment_place p on p.id = o.place_id
				join assessment_criterion c on c.id = o.criterion_id
				where o.round_id = :round and o.marks < o.full_marks
				  and not exists (select 1 from assessment_handover h
				                  where h.round_id = o.round_id and h.place_id = o.place_id and h.criterion_id = o.criterion_id)
				order by o.place_id, c.position, c.id""").param("round", roundId)
				.query((rs, n) -> new Failure(rs.getLong("place_id"), rs.getLong("criterion_id"),
						rs.getString("place_name"), rs.getString("place_type"), rs.getString("address"),
						rs.getString("region_code"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"),
						rs.getString("code"), rs.getString("text"), rs.getString("case_category"), rs.getBigDecimal("marks"),
						rs.getBigDecimal("full_marks"), rs.getString("note"), rs.getString("photo_key")))
				.list();
	}
}
