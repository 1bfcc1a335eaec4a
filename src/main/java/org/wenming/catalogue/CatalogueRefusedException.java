package org.wenming.catalogue;

import java.util.List;

import org.wenming.region.FieldProblem;

/** An item was refused, naming the fields (400); nothing was stored. */
public class CatalogueRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public CatalogueRefusedException(List<FieldProblem> problems) {
		super("catalogue item refused: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
