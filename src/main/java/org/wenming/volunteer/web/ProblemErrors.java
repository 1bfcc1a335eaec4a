package org.wenming.volunteer.web;

import java.util.List;

import org.wenming.platform.FormErrors;
import org.wenming.region.FieldProblem;

/** The rules' problems as a form's errors, the first of each field. */
final class ProblemErrors {

	private ProblemErrors() {
	}

	static FormErrors of(List<FieldProblem> problems) {
		return FormErrors.of(problems, FieldProblem::field, FieldProblem::messageKey);
	}
}
