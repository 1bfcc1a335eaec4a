package org.wenming.volunteer.team.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.wenming.platform.ApiProblems;
import org.wenming.region.FieldProblem;

/** The team API's own refusals, in the platform's problem documents ({@link ApiProblems}). */
final class TeamProblems {

	private TeamProblems() {
	}

	static ProblemDetail refused(List<FieldProblem> problems, MessageSource messages, Locale locale) {
		return ApiProblems.invalid(ApiProblems.errors(problems, FieldProblem::field, FieldProblem::messageKey, messages, locale));
	}

	static ProblemDetail stale() {
		return ApiProblems.problem(HttpStatus.CONFLICT,
				"The team was changed by someone else since you loaded it; reload it and apply your change again");
	}

	static ProblemDetail membership(HttpStatus status, String messageKey, MessageSource messages, Locale locale) {
		return ApiProblems.problem(status, messages.getMessage(messageKey, null, messageKey, locale));
	}
}
