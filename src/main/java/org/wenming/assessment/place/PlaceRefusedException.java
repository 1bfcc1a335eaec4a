package org.wenming.assessment.place;

import java.util.List;

/** A place that breaks the registry's rules; nothing was stored. */
public class PlaceRefusedException extends RuntimeException {

	private final List<PlaceProblem> problems;

	public PlaceRefusedException(List<PlaceProblem> problems) {
		super("place refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public PlaceRefusedException(String field, String messageKey) {
		this(List.of(new PlaceProblem(field, messageKey)));
	}

	public List<PlaceProblem> problems() {
		return problems;
	}
}
