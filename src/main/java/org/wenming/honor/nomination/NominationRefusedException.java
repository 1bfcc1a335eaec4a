package org.wenming.honor.nomination;

import java.util.List;

/**
 * A nomination (or a step on it) broke one or more rules; nothing was stored. {@code conflict} when it
 * clashes with what is stored (the person already nominated this quarter, a step no longer possible): 409.
 */
public class NominationRefusedException extends RuntimeException {

	private final List<NominationProblem> problems;

	private final boolean conflict;

	public NominationRefusedException(List<NominationProblem> problems) {
		this(problems, false);
	}

	public NominationRefusedException(List<NominationProblem> problems, boolean conflict) {
		super("nomination refused: " + problems);
		this.problems = List.copyOf(problems);
		this.conflict = conflict;
	}

	public static NominationRefusedException of(String field, String messageKey) {
		return new NominationRefusedException(List.of(new NominationProblem(field, messageKey)));
	}

	public static NominationRefusedException conflict(String field, String messageKey) {
		return new NominationRefusedException(List.of(new NominationProblem(field, messageKey)), true);
	}

	public List<NominationProblem> problems() {
		return problems;
	}

	public boolean conflict() {
		return conflict;
	}
}
