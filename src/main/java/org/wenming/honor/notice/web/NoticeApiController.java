package org.wenming.honor.notice.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.honor.notice.Comments;
import org.wenming.honor.notice.Likes;
import org.wenming.honor.notice.NoticeBoard;
import org.wenming.honor.notice.NoticeClient;
import org.wenming.honor.notice.NoticeConflictException;
import org.wenming.honor.notice.NoticeProblem;
import org.wenming.honor.notice.NoticeRateLimit;
import org.wenming.honor.notice.NoticeRateLimitException;
import org.wenming.honor.notice.NoticeRefusedException;
import org.wenming.honor.notice.Objections;
import org.wenming.honor.notice.ProofOfWork;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.shared.ScopedUser;

/**
 * The public notice by JSON: the open periods, one nominee with approved comments, a proof-of-work challenge,
 * and the three things anyone may send during the notice — a like (200 counted or already liked today; 202 not
 * counted, without saying why), a comment (201, pending moderation) and an objection (201, with the private link
 * shown once). 404 when the nominee is not public, 409 when their notice is not open, 429 with Retry-After beyond
 * the client's limit (challenges too, per address block). A client without a session needs no CSRF token (nothing to ride on); a browser sends it.
 */
@RestController
class NoticeApiController {

	/** A like: an anonymous liker's solved challenge. */
	record LikeBody(String challenge, String counter) {
	}

	/** The like's answer: counted (with the count), or not; {@code already} when liked today. */
	record LikeAnswer(boolean counted, Boolean already, Long likes) {
	}

	record CommentBody(String body, String authorName) {

		@Override
		public String toString() {
			return "CommentBody[]";
		}
	}

	record CommentAnswer(long id, String status) {
	}

	record ObjectionBody(String body, String name, String mobile) {

		@Override
		public String toString() {
			return "ObjectionBody[]";
		}
	}

	record ObjectionAnswer(String followPath) {
	}

	record NomineeAnswer(NoticeBoard.Nominee nominee, boolean open, Paging.Page<NoticeBoard.Comment> comments) {
	}

	private final NoticeBoard board;

	private final Likes likes;

	private final Comments comments;

	private final Objections objections;

	private final NoticeRateLimit rates;

	private final MessageSource messages;

	private final Clock clock;

	NoticeApiController(NoticeBoard board, Likes likes, Comments comments, Objections objections, NoticeRateLimit rates,
			MessageSource messages, Clock clock) {
		this.board = board;
		this.likes = likes;
		this.comments = comments;
		this.objections = objections;
		this.rates = rates;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/api/v1/honor/notice")
	Map<String, List<NoticeBoard.Period>> open() {
		return Map.of("periods", board.open(clock.instant()));
	}

	@GetMapping("/api/v1/honor/notice/{nominationId}")
	NomineeAnswer nominee(@PathVariable String nominationId, @RequestParam(required = false) String page) {
		long id = QueryParameters.id(nominationId);
		Instant now = clock.instant();
		NoticeBoard.Nominee nominee = board.nominee(id, now).orElseThrow(RecordNotFound::new);
		return new NomineeAnswer(nominee, nominee.openAt(now), board.comments(id, Paging.page(page)));
	}

	/** A challenge; counted per address block (whoever asks: a signed-in like needs none), beyond the limit 429. */
	@GetMapping("/api/v1/honor/pow")
	ProofOfWork.Challenge challenge(@RequestParam String nomination, HttpServletRequest http) {
		long id = QueryParameters.id(nomination);
		rates.hit(new NoticeClient(null, http.getRemoteAddr(), null, null), NoticeRateLimit.Action.CHALLENGE,
				clock.instant());
		return likes.challenge(id);
	}

	@PostMapping("/api/v1/honor/notice/{nominationId}/likes")
	ResponseEntity<LikeAnswer> like(@AuthenticationPrincipal ScopedUser user, @PathVariable String nominationId,
			@RequestBody(required = false) LikeBody body, HttpServletRequest http) {
		long id = QueryParameters.id(nominationId);
		var client = NoticeRequests.client(user, http);
		Likes.LikeOutcome outcome = likes.likeWithinRate(new Likes.LikeRequest(id, client,
				body == null ? null : body.challenge(), body == null ? null : body.counter()));
		if (outcome.suspect()) {
			// not counted, and not why: a script learns nothing from the answer
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(new LikeAnswer(false, null, null));
		}
		return ResponseEntity.ok(new LikeAnswer(outcome.counted(), outcome.already(), outcome.likes()));
	}

	@PostMapping("/api/v1/honor/notice/{nominationId}/comments")
	@ResponseStatus(HttpStatus.CREATED)
	CommentAnswer comment(@AuthenticationPrincipal ScopedUser user, @PathVariable String nominationId,
			@RequestBody CommentBody body, HttpServletRequest http) {
		long id = QueryParameters.id(nominationId);
		var client = NoticeRequests.client(user, http);
		rates.hit(client, NoticeRateLimit.Action.COMMENT, clock.instant());
		return new CommentAnswer(comments.post(id, body.body(), body.authorName(), client), "PENDING");
	}

	@PostMapping("/api/v1/honor/notice/{nominationId}/objections")
	@ResponseStatus(HttpStatus.CREATED)
	ObjectionAnswer object(@AuthenticationPrincipal ScopedUser user, @PathVariable String nominationId,
			@RequestBody ObjectionBody body, HttpServletRequest http, Locale locale) {
		long id = QueryParameters.id(nominationId);
		rates.hit(NoticeRequests.client(user, http), NoticeRateLimit.Action.OBJECTION, clock.instant());
		return new ObjectionAnswer(objections.file(id, body.body(), body.name(), body.mobile(), locale).followPath());
	}

	@ExceptionHandler(NoticeRefusedException.class)
	ProblemDetail refused(NoticeRefusedException ex, Locale locale) {
		return ApiProblems.invalid(
				ApiProblems.errors(ex.problems(), NoticeProblem::field, NoticeProblem::messageKey, messages, locale));
	}

	@ExceptionHandler(NoticeConflictException.class)
	ResponseEntity<ProblemDetail> conflict(NoticeConflictException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblems.problem(HttpStatus.CONFLICT,
				messages.getMessage(ex.messageKey(), null, ex.messageKey(), locale)));
	}

	@ExceptionHandler(NoticeRateLimitException.class)
	ResponseEntity<ProblemDetail> tooMany(NoticeRateLimitException ex, Locale locale) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
				.body(ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS,
						messages.getMessage("honor.notice.error.tooMany", null, locale)));
	}
}
