package org.wenming.region;

import java.util.List;

/** A site draft broke one or more rules; nothing was stored. */
public class SiteRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public SiteRefusedException(List<FieldProblem> problems) {
		super("site refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
