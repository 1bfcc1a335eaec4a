package org.wenming.region.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.wenming.platform.ApiProblems;
import org.wenming.region.FieldProblem;

/** The site API's own refusals, in the platform's problem documents ({@link ApiProblems}). */
final class SiteProblems {

	private SiteProblems() {
	}

	static ProblemDetail refused(List<FieldProblem> problems, MessageSource messages, Locale locale) {
		return ApiProblems.invalid(ApiProblems.errors(problems, FieldProblem::field, FieldProblem::messageKey, messages, locale));
	}

	static ProblemDetail stale() {
		return ApiProblems.problem(HttpStatus.CONFLICT,
				"The site was changed by someone else since you loaded it; reload it and apply your change again");
	}
}
