package org.wenming.assessment.observation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.assessment.ScoringRule;
import org.wenming.assessment.observation.Batch;
import org.wenming.assessment.observation.Checklists;
import org.wenming.assessment.observation.Criterion;
import org.wenming.assessment.observation.InspectionPhotos;
import org.wenming.assessment.observation.InspectorAssignments;
import org.wenming.assessment.observation.ObservationRefusedException;
import org.wenming.assessment.observation.Observations;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageContext;
import org.wenming.platform.PageController;
import org.wenming.shared.ScopedUser;

/**
 * The inspector's phone pages (现场测评): my open rounds, my team's places, and a place's checklist. Every
 * form posts without JavaScript; with it, the checklist goes to the JSON API and waits in the phone's
 * storage while there is no network.
 */
@Controller
class InspectPages extends PageController {

	private final InspectorAssignments assignments;

	private final Checklists checklists;

	private final Observations observations;

	private final InspectionPhotos photos;

	private final MessageSource messages;

	InspectPages(InspectorAssignments assignments, Checklists checklists,
			Observations observations, InspectionPhotos photos, MessageSource messages) {
		this.messages = messages;
		this.assignments = assignments;
		this.checklists = checklists;
		this.observations = observations;
		this.photos = photos;
	}

	@GetMapping("/inspect")
	ModelAndView rounds(@AuthenticationPrincipal ScopedUser user) {
		return new ModelAndView("assessment/observe/rounds", Map.of("rounds", assignments.openRounds(user.userId())));
	}

	@GetMapping("/inspect/rounds/{roundId}")
	ModelAndView places(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@RequestParam(required = false) String latitude, @RequestParam(required = false) String longitude) {
		long round = ObservationInput.id("roundId", roundId);
		Double lat = ObservationInput.coordinate("latitude", latitude, 90);
		Double lon = ObservationInput.coordinate("longitude", longitude, 180);
		ObservationInput.position(lat, lon);
		List<PlaceLine> places = PlaceLine.forInspector(assignments, user, round, lat, lon);
		InspectorAssignments.RoundInfo info = assignments.round(user.userId(), round).orElseThrow();
		return new ModelAndView("assessment/observe/places", Map.of("round", info, "places", places, "located",
				lat != null));
	}

	@GetMapping("/inspect/rounds/{roundId}/places/{placeId}")
	ModelAndView checklist(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId, @RequestParam(required = false) String done) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		String notice = done == null ? null : switch (done) {
			case "saved" -> "assessment.observe.notice.saved";
			case "photo" -> "assessment.observe.notice.photo";
			case "closed" -> "assessment.observe.notice.closed";
			default -> null;
		};
		return page(user, round, place, Map.of(), Map.of(), notice, HttpStatus.OK);
	}

	/** The checklist posted as a form: {@code v<id>} the value (pass, fail or a number), {@code n<id>} the note. */
	@PostMapping("/inspect/rounds/{roundId}/places/{placeId}")
	ModelAndView observe(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId, @RequestParam MultiValueMap<String, String> form) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		Map<String, String> values = form.toSingleValueMap();
		try {
			String key = ObservationInput.idempotencyKey("key", values.get("key"));
			Double lat = ObservationInput.coordinate("latitude", values.get("latitude"), 90);
			Double lon = ObservationInput.coordinate("longitude", values.get("longitude"), 180);
			ObservationInput.position(lat, lon);
			var observedAt = ObservationInput.instant("observedAt", values.get("observedAt"));
			Checklists.Checklist checklist = checklists.of(user, round, place);
			List<Batch.Entry> entries = new ArrayList<>();
			for (Checklists.Group group : checklist.items()) {
				for (Criterion c : group.criteria()) {
					Batch.Entry entry = entry(c, values.get("v" + c.id()), values.get("n" + c.id()));
					if (entry != null) {
						entries.add(entry);
					}
				}
			}
			observations.submit(user, round, place, key, new Batch(entries, lat, lon, observedAt));
			return redirect(round, place, "saved");
		}
		catch (InvalidInputException ex) {
			return page(user, round, place, values, Map.of(ex.field(), ex.getMessage()), null, HttpStatus.BAD_REQUEST);
		}
	}

	/** A criterion's form fields as an entry; null when neither a value nor a note was given. */
	private static Batch.Entry entry(Criterion c, String value, String note) {
		String v = value == null ? "" : value.strip();
		String n = note == null || note.isBlank() ? null : note;
		if (v.isEmpty() && n == null) {
			return null;
		}
		String field = "c" + c.id();
		if (v.isEmpty()) {
			return new Batch.Entry(field, c.id(), null, null, null, n);
		}
		if (c.rule() == ScoringRule.PASS_FAIL) {
			if (!v.equals("pass") && !v.equals("fail")) {
				throw new InvalidInputException(field + ".passed", "assessment.observe.error.passedRequired");
			}
			return new Batch.Entry(field, c.id(), v.equals("pass"), null, null, n);
		}
		String attribute = c.rule() == ScoringRule.DEDUCTION ? ".shortfalls" : ".counted";
		if (v.length() > 7 || !v.matches("-?\\d+")) {
			throw new InvalidInputException(field + attribute, "assessment.observe.error.wholeNumber");
		}
		int number = Integer.parseInt(v);
		return c.rule() == ScoringRule.DEDUCTION ? new Batch.Entry(field, c.id(), null, number, null, n)
				: new Batch.Entry(field, c.id(), null, null, number, n);
	}

	@PostMapping("/inspect/rounds/{roundId}/places/{placeId}/photos")
	ModelAndView photo(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId, @RequestParam(name = "photo", required = false) MultipartFile photo,
			@RequestParam(required = false) String criterionId) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		try {
			Long criterion = criterionId == null || criterionId.isEmpty() ? null
					: ObservationInput.id("criterionId", criterionId);
			if (photo == null || photo.isEmpty()) {
				throw new InvalidInputException("photo", "assessment.observe.error.photoRequired");
			}
			photos.add(user, round, place, criterion, InspectApiController.bytes(photo));
			return redirect(round, place, "photo");
		}
		catch (InvalidInputException ex) {
			return page(user, round, place, Map.of(), Map.of(ex.field(), ex.getMessage()), null, HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/inspect/rounds/{roundId}/places/{placeId}/close")
	ModelAndView close(@AuthenticationPrincipal ScopedUser user, @PathVariable String roundId,
			@PathVariable String placeId) {
		long round = ObservationInput.id("roundId", roundId);
		long place = ObservationInput.id("placeId", placeId);
		observations.close(user, round, place);
		return redirect(round, place, "closed");
	}

	@ExceptionHandler(ObservationRefusedException.class)
	ModelAndView refused(ObservationRefusedException ex, HttpServletRequest request) {
		// exception handlers do not get the controller advice's model: the page context is built here
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		ScopedUser user = auth != null && auth.getPrincipal() instanceof ScopedUser u ? u : null;
		PageContext ctx = new PageContext(messages, RequestContextUtils.getLocale(request), user,
				(CsrfToken) request.getAttribute(CsrfToken.class.getName()), request.getRequestURI());
		return new ModelAndView("assessment/observe/refused", Map.of("ctx", ctx, "messageKey", ex.messageKey()),
				HttpStatus.valueOf(ex.status()));
	}

	private ModelAndView page(ScopedUser user, long round, long place, Map<String, String> values,
			Map<String, String> errors, String notice, HttpStatus status) {
		ChecklistView view = new ChecklistView(checklists.of(user, round, place), values, errors, notice,
				UUID.randomUUID().toString());
		Map<String, Object> model = Map.of("view", view);
		ModelAndView page = new ModelAndView("assessment/observe/checklist", model);
		page.setStatus(status);
		return page;
	}

	private static ModelAndView redirect(long round, long place, String done) {
		ModelAndView page = new ModelAndView("redirect:/inspect/rounds/" + round + "/places/" + place + "?done=" + done);
		page.setStatus(HttpStatus.SEE_OTHER);
		return page;
	}
}
