package org.wenming.volunteer;

import java.util.List;

import org.wenming.region.FieldProblem;

/** A registration or change broke one or more rules; nothing was stored. */
public class VolunteerRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public VolunteerRefusedException(List<FieldProblem> problems) {
		super("volunteer refused: " + problems.stream().map(FieldProblem::field).toList());
		this.problems = List.copyOf(problems);
	}

	public VolunteerRefusedException(String field, String messageKey) {
		this(List.of(new FieldProblem(field, messageKey)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
