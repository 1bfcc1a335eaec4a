package org.wenming.honor.notice.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wenming.honor.notice.Comments;
import org.wenming.honor.notice.NoticeConflictException;
import org.wenming.honor.notice.NoticeProblem;
import org.wenming.honor.notice.NoticeRefusedException;
import org.wenming.platform.ApiIds;
import org.wenming.platform.ApiProblems;
import org.wenming.platform.Paging;
import org.wenming.shared.ScopedUser;

/**
 * Comment moderation by JSON, beside {@code /admin/honor/comments}: the pending comments on nominees in the staff
 * member's scope, oldest first ({@code GET /api/v1/honor/comments?page=}), and a decision
 * ({@code POST /api/v1/honor/comments/{id}/decision} with {@code decision} {@code APPROVE} or {@code REJECT}).
 * The civilization office (or a system administrator) only: other roles 403; a comment outside the scope 404 and
 * a security event; a bad decision 400 naming {@code decision}; a comment decided already 409. Nothing changes on
 * a refusal.
 */
@RestController
@RequestMapping("/api/v1/honor/comments")
class CommentModerationApiController {

	record DecisionBody(String decision) {
	}

	record Decided(long id, String status) {
	}

	private final Comments comments;

	private final MessageSource messages;

	CommentModerationApiController(Comments comments, MessageSource messages) {
		this.comments = comments;
		this.messages = messages;
	}

	@GetMapping
	Paging.Page<Comments.Pending> pending(@AuthenticationPrincipal ScopedUser user,
			@RequestParam(required = false) String page) {
		return comments.pending(user, Paging.page(page));
	}

	@PostMapping("/{id}/decision")
	Decided decide(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestBody(required = false) DecisionBody body) {
		long comment = ApiIds.id(id);
		String decision = body == null || body.decision() == null ? "" : body.decision().strip();
		boolean approve = switch (decision) {
			case "APPROVE" -> true;
			case "REJECT" -> false;
			default -> throw new NoticeRefusedException(List.of(new NoticeProblem("decision", "honor.notice.error.decision")));
		};
		comments.moderate(comment, approve, user);
		return new Decided(comment, approve ? "APPROVED" : "REJECTED");
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
}
