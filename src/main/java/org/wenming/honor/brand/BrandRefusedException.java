package org.wenming.honor.brand;

import java.util.List;

import org.wenming.region.FieldProblem;

/** A brand project or an award was refused, naming the fields (400); nothing was stored. */
public class BrandRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public BrandRefusedException(List<FieldProblem> problems) {
		super("brand refused: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
