package org.wenming.volunteer.team;

import java.util.List;

import org.wenming.region.FieldProblem;

/** Team input broke one or more rules; nothing was stored. */
public class TeamRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public TeamRefusedException(List<FieldProblem> problems) {
		super("team refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public TeamRefusedException(String field, String messageKey) {
		this(List.of(new FieldProblem(field, messageKey)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
