package org.wenming.commendation.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.commendation.Commendation;
import org.wenming.commendation.CommendationRefusedException;
import org.wenming.commendation.Commendations;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.FieldProblem;
import org.wenming.shared.ScopedUser;

/**
 * Commendations as JSON: the offices record them and list those in their scope (other roles 403; a volunteer
 * or team outside the scope is refused naming the field, nothing stored); a volunteer reads their own (with the
 * honours' published good people linked to them) and sets the certificate choice. Never public. Documents are
 * uploaded on the page form only.
 */
@RestController
class CommendationApiController {

	record CommendationJson(long id, String subject, long subjectId, String subjectName, String title, String issuer,
			String level, LocalDate awardedOn, boolean hasDocument, String honour) {

		static CommendationJson of(Commendation c) {
			return new CommendationJson(c.id(), c.subjectKind(), c.subjectId(), c.subjectName(), c.title(), c.issuer(),
					c.level().name(), c.awardedOn(), c.hasDocument(), c.honour());
		}
	}

	record MineJson(List<CommendationJson> commendations, boolean onCertificates) {
	}

	/** A commendation as sent: text or numbers (checked by the service, naming the field). */
	record Body(Object volunteerNumber, Object teamId, Object title, Object issuer, Object level, Object awardedOn) {

		Commendations.Draft draft() {
			return new Commendations.Draft(text("volunteerNumber", volunteerNumber), text("teamId", teamId),
					text("title", title), text("issuer", issuer), text("level", level), text("awardedOn", awardedOn));
		}
	}

	record ChoiceBody(Object onCertificates) {
	}

	static String text(String field, Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof String || value instanceof Number || value instanceof Boolean) {
			return String.valueOf(value);
		}
		throw new InvalidInputException(field, "must be text or a number");
	}

	private final Commendations commendations;

	private final MessageSource messages;

	CommendationApiController(Commendations commendations, MessageSource messages) {
		this.commendations = commendations;
		this.messages = messages;
	}

	@GetMapping("/api/v1/commendations")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	List<CommendationJson> list(@AuthenticationPrincipal ScopedUser user) {
		return commendations.in(user.scope(), CommendationPages.LIST_LIMIT).stream().map(CommendationJson::of).toList();
	}

	@PostMapping("/api/v1/commendations")
	@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
	ResponseEntity<CommendationJson> create(@AuthenticationPrincipal ScopedUser user, @RequestBody Body body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(CommendationJson.of(commendations.create(body.draft(), null, user)));
	}

	@GetMapping("/api/v1/me/commendations")
	MineJson mine(@AuthenticationPrincipal ScopedUser me) {
		Commendations.Mine mine = commendations.mine(me).orElseThrow(RecordNotFound::new);
		return new MineJson(mine.commendations().stream().map(CommendationJson::of).toList(), mine.onCertificates());
	}

	@PutMapping("/api/v1/me/commendations/choice")
	MineJson choose(@AuthenticationPrincipal ScopedUser me, @RequestBody ChoiceBody body) {
		if (commendations.ownVolunteerId(me).isEmpty()) {
			throw new RecordNotFound();
		}
		if (!(body.onCertificates() instanceof Boolean)) {
			throw new InvalidInputException("onCertificates", "commendation.error.onCertificates");
		}
		commendations.choose(me, String.valueOf(body.onCertificates()));
		return mine(me);
	}

	@ExceptionHandler(CommendationRefusedException.class)
	ResponseEntity<ProblemDetail> refused(CommendationRefusedException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), FieldProblem::field, FieldProblem::messageKey, messages, locale)));
	}
}
