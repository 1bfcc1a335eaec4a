package org.wenming.assessment.observation.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.assessment.observation.Batch;
import org.wenming.assessment.observation.Checklists;
import org.wenming.assessment.observation.InspectionPhotos;
import org.wenming.assessment.observation.InspectorAssignments;
import org.wenming.assessment.observation.ObservationRefusedException;
import org.wenming.assessment.observation.Observations;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The inspector's phone API (现场测评): my rounds and places, a place's checklist, observations (PUT, with
 * an {@code Idempotency-Key}), photos, closing a place; staff may reopen one.
 */
@RestController
class InspectApiController {

	static final String BASE = "/api/v1/assessment/inspect/rounds";

	private final Observations observations;

	private final Checklists checklists;

	private final InspectionPhotos photos;

	private final InspectorAssignments assignments;

	private final MessageSource messages;

	InspectApiController(Observations observations, Checklists checklists, InspectionPhotos photos,
			InspectorAssignments assignments, MessageSource messages) {
		this.observations = observations;
		this.checklists = checklists;
		this.photos = photos;
		this.assignments = assignments;
		this.messages = messages;
	}

	@GetMapping(BASE)
	List<InspectorAssignments.MyRound> rounds(@AuthenticationPrincipal ScopedUser user) {
		return assignments.openRounds(user.userId());
	}

	@GetMapping(BASE + "/{roundId}/places")
	List<PlaceLine> places(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@RequestParam(required = false) String latitude, @RequestParam(required = false) String longitude) {
		long round = ObservationInput.id("roundId", roundId);
		Double lat = ObservationInput.coordinate("latitude", latitude, 90);
		Double lon = ObservationInput.coordinate("longitude", longitude, 180);
		ObservationInput.position(lat, lon);
		return PlaceLine.forInspector(assignments, user, round, lat, lon);
	}


	@GetMapping(BASE + "/{roundId}/places/{placeId}/checklist")
	Checklists.Checklist checklist(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId) {
		return checklists.of(user, ObservationInput.id("roundId", roundId), ObservationInput.id("placeId", placeId));
	}

	/**
	 * @param observedAt when the phone recorded it (ISO-8601 with offset); none: now
	 * @param latitude the phone's position, with longitude, or neither
	 */
	record ObservationRequest(String observedAt, Double latitude, Double longitude, List<EntryRequest> entries) {
	}

	/** One criterion: {@code passed} (pass/fail), {@code shortfalls} (deduction) or {@code counted} (count target). */
	record EntryRequest(Long criterionId, Boolean passed, Integer shortfalls, Integer counted, String note) {
	}

	@PutMapping(BASE + "/{roundId}/places/{placeId}/observations")
	ResponseEntity<String> observe(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId, @RequestHeader(name = "Idempotency-Key", required = false) String key,
			@RequestBody ObservationRequest request) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		String idempotencyKey = ObservationInput.idempotencyKey("Idempotency-Key", key);
		Double lat = ObservationInput.coordinate("latitude", request.latitude(), 90);
		Double lon = ObservationInput.coordinate("longitude", request.longitude(), 180);
		ObservationInput.position(lat, lon);
		var observedAt = ObservationInput.instant("observedAt", request.observedAt());
		List<Batch.Entry> entries = null;
		if (request.entries() != null) {
			entries = new ArrayList<>();
			for (int i = 0; i < request.entries().size(); i++) {
				EntryRequest e = request.entries().get(i);
				if (e == null) {
					throw new InvalidInputException("entries[" + i + "]", "assessment.observe.error.criterionRequired");
				}
				entries.add(new Batch.Entry("entries[" + i + "]", e.criterionId(), e.passed(), e.shortfalls(),
						e.counted(), e.note()));
			}
		}
		Observations.Answer answer = observations.submit(user, round, place, idempotencyKey,
				new Batch(entries, lat, lon, observedAt));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
				.header("Idempotent-Replayed", String.valueOf(answer.replayed())).body(answer.json());
	}

	@PostMapping(BASE + "/{roundId}/places/{placeId}/photos")
	ResponseEntity<InspectionPhotos.Stored> photo(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId, @RequestParam(name = "photo", required = false) MultipartFile photo,
			@RequestParam(required = false) String criterionId) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		Long criterion = criterionId == null || criterionId.isEmpty() ? null : ObservationInput.id("criterionId", criterionId);
		if (photo == null || photo.isEmpty()) {
			throw new InvalidInputException("photo", "assessment.observe.error.photoRequired");
		}
		InspectionPhotos.Stored stored = photos.add(user, round, place, criterion, bytes(photo));
		return ResponseEntity.created(URI.create(BASE + "/" + round + "/places/" + place + "/photos/" + stored.id()))
				.body(stored);
	}

	@GetMapping(BASE + "/{roundId}/places/{placeId}/photos/{photoId}")
	ResponseEntity<byte[]> photoContent(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId, @PathVariable String photoId) {
		InspectionPhotos.Content content = photos.open(user, ObservationInput.id("roundId", roundId),
				ObservationInput.id("placeId", placeId), ObservationInput.id("photoId", photoId))
				.orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
				.cacheControl(CacheControl.noStore().cachePrivate()).header("X-Content-Type-Options", "nosniff")
				.header("Content-Disposition", "inline").body(content.bytes());
	}

	@PostMapping(BASE + "/{roundId}/places/{placeId}/close")
	Checklists.Checklist close(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		observations.close(user, round, place);
		return checklists.of(user, round, place);
	}

	/** The city office reopens a place closed too early, while the round is open. */
	@PostMapping(BASE + "/{roundId}/places/{placeId}/reopen")
	Checklists.Checklist reopen(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		observations.reopen(user, round, place);
		return checklists.of(user, round, place);
	}

	@ExceptionHandler(ObservationRefusedException.class)
	ResponseEntity<ProblemDetail> refused(ObservationRefusedException ex, Locale locale) {
		String message = messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale);
		ProblemDetail problem = ApiProblems.problem(HttpStatusCode.valueOf(ex.status()), message,
				List.of(ApiProblems.error(ex.field(), message)));
		problem.setProperty("reason", ex.messageKey().substring(ex.messageKey().lastIndexOf('.') + 1));
		return ResponseEntity.status(ex.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	static byte[] bytes(MultipartFile file) {
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
