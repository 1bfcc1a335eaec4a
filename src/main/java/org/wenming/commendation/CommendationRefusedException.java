package org.wenming.commendation;

import java.util.List;

import org.wenming.region.FieldProblem;

/** A commendation or a choice was refused, naming the fields (400); nothing was stored. */
public class CommendationRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public CommendationRefusedException(List<FieldProblem> problems) {
		super("commendation refused: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
