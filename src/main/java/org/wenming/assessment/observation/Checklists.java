package org.wenming.assessment.observation;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.assessment.Scoring;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * A place's checklist as the phone shows it: the criteria of the round's framework for the place's
 * type grouped by item, what is recorded so far, the photos, the place's score, and the cases handed
 * over from earlier rounds at this place (回头看) with where each stands now.
 */
@Service
public class Checklists {

	static final int LOOK_BACK_MAX = 30;

	private final JdbcClient jdbc;

	private final Observations observations;

	private final InspectorAssignments assignments;

	private final Cases cases;

	Checklists(JdbcClient jdbc, Observations observations, InspectorAssignments assignments, Cases cases) {
		this.jdbc = jdbc;
		this.observations = observations;
		this.assignments = assignments;
		this.cases = cases;
	}

	public record Checklist(Assignment place, List<Group> items, Map<Long, Observed> recorded, List<PhotoRef> photos,
			Observations.Score score, BigDecimal rate, List<LookBack> lookBack, boolean writable) {

		public int criteriaCount() {
			return items.stream().mapToInt(g -> g.criteria().size()).sum();
		}

		public List<PhotoRef> photosOf(Long criterionId) {
			return photos.stream().filter(p -> java.util.Objects.equals(p.criterionId(), criterionId)).toList();
		}
	}

	/** An item (测评项目) with its criteria for this place type. */
	public record Group(String code, String name, List<Criterion> criteria) {
	}

	/** What is recorded for a criterion. */
	public record Observed(long criterionId, Boolean passed, Integer shortfalls, Integer counted, BigDecimal marks,
			BigDecimal fullMarks, String note, int version, boolean farFromPlace, Integer distanceM,
			OffsetDateTime observedAt, OffsetDateTime updatedAt) {
	}

	public record PhotoRef(long id, Long criterionId, String contentType, int width, int height,
			OffsetDateTime uploadedAt) {
	}

	/** A case handed over from an earlier round at this place, as it stands now. */
	public record LookBack(long roundId, String roundName, long criterionId, String criterionCode, String criterionText,
			long caseId, String caseNumber, CaseStatus status, boolean open, OffsetDateTime handedAt,
			OffsetDateTime dueAt) {
	}

	/**
	 * @throws org.wenming.shared.OutOfScopeException the place is not one this person may see (404, audited)
	 * @throws ObservationRefusedException another team's place (403)
	 */
	public Checklist of(ScopedUser user, long roundId, long placeId) {
		Assignment place = observations.readable(user, roundId, placeId);
		List<Criterion> criteria = assignments.criteria(place);
		Map<Long, Group> groups = new LinkedHashMap<>();
		for (Criterion c : criteria) {
			groups.computeIfAbsent(c.itemId(), id -> new Group(c.itemCode(), c.itemName(), new ArrayList<>()))
					.criteria().add(c);
		}
		Map<Long, Observed> recorded = new LinkedHashMap<>();
		jdbc.sql("""
				select criterion_id, passed, shortfalls, counted, marks, full_marks, note, version, far_from_place,
				       distance_m, observed_at, updated_at
				from assessment_observation where round_id = :round and place_id = :place""").param("round", roundId)
				.param("place", placeId)
				.query((rs, row) -> new Observed(rs.getLong("criterion_id"), (Boolean) rs.getObject("passed"),
						(Integer) rs.getObject("shortfalls"), (Integer) rs.getObject("counted"), rs.getBigDecimal("marks"),
						rs.getBigDecimal("full_marks"), rs.getString("note"), rs.getInt("version"),
						rs.getBoolean("far_from_place"), (Integer) rs.getObject("distance_m"),
						city(rs.getObject("observed_at", OffsetDateTime.class)),
						city(rs.getObject("updated_at", OffsetDateTime.class))))
				.list().forEach(o -> recorded.put(o.criterionId(), o));
		List<PhotoRef> photos = jdbc.sql("""
				select id, criterion_id, content_type, width, height, uploaded_at from assessment_photo
				where round_id = :round and place_id = :place order by id""").param("round", roundId)
				.param("place", placeId)
				.query((rs, row) -> new PhotoRef(rs.getLong("id"), (Long) rs.getObject("criterion_id"),
						rs.getString("content_type"), rs.getInt("width"), rs.getInt("height"),
						city(rs.getObject("uploaded_at", OffsetDateTime.class))))
				.list();
		Observations.Score score = jdbc.sql("""
				select marks, possible, observed, criteria from assessment_place_score
				where round_id = :round and place_id = :place""").param("round", roundId).param("place", placeId)
				.query((rs, row) -> new Observations.Score(rs.getBigDecimal("marks"), rs.getBigDecimal("possible"),
						rs.getInt("observed"), rs.getInt("criteria")))
				.optional().orElse(new Observations.Score(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), 0,
						criteria.size()));
		boolean writable = place.myTeam() && place.open() && !place.closed();
		return new Checklist(place, List.copyOf(groups.values()), recorded, photos, score,
				Scoring.rate(score.marks(), score.possible()), lookBack(place), writable);
	}

	/** The hand-overs of earlier rounds at this place, newest first, the open ones before the fixed ones. */
	private List<LookBack> lookBack(Assignment place) {
		record Handed(long roundId, String roundName, long criterionId, String code, String text, long caseId,
				String caseNumber, OffsetDateTime handedAt) {
		}
		List<Handed> handed = jdbc.sql("""
				select h.round_id, r.name, h.criterion_id, c.code, c.text, h.case_id, h.case_number, h.handed_at
				from assessment_handover h
				join assessment_round r on r.id = h.round_id
				join assessment_criterion c on c.id = h.criterion_id
				where h.place_id = :place and h.round_id <> :round
				order by h.handed_at desc, h.case_id desc limit :max""").param("place", place.placeId())
				.param("round", place.roundId()).param("max", LOOK_BACK_MAX)
				.query((rs, row) -> new Handed(rs.getLong("round_id"), rs.getString("name"), rs.getLong("criterion_id"),
						rs.getString("code"), rs.getString("text"), rs.getLong("case_id"), rs.getString("case_number"),
						city(rs.getObject("handed_at", OffsetDateTime.class))))
				.list();
		List<LookBack> lookBack = new ArrayList<>();
		for (Handed h : handed) {
			Optional<CaseView> found = cases.find(h.caseId());
			CaseStatus status = found.map(CaseView::status).orElse(null);
			lookBack.add(new LookBack(h.roundId(), h.roundName(), h.criterionId(), h.code(), h.text(), h.caseId(),
					h.caseNumber(), status, status != null && status.open(), h.handedAt(),
					found.map(CaseView::dueAt).map(Checklists::city).orElse(null)));
		}
		lookBack.sort(java.util.Comparator.comparing(LookBack::open).reversed());
		return lookBack;
	}

	private static OffsetDateTime city(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}
}
