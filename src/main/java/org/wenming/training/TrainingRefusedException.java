package org.wenming.training;

import java.util.List;

import org.wenming.region.FieldProblem;

/**
 * A course, an enrolment or a completion was refused, naming the fields (400), or a step that does not fit the
 * course's state (409, {@link #conflict()}); nothing was stored.
 */
public class TrainingRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	private final boolean conflict;

	public TrainingRefusedException(List<FieldProblem> problems) {
		this(problems, false);
	}

	private TrainingRefusedException(List<FieldProblem> problems, boolean conflict) {
		super("training refused: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
		this.conflict = conflict;
	}

	public static TrainingRefusedException conflict(String field, String messageKey) {
		return new TrainingRefusedException(List.of(new FieldProblem(field, messageKey)), true);
	}

	public static TrainingRefusedException invalid(String field, String messageKey) {
		return new TrainingRefusedException(List.of(new FieldProblem(field, messageKey)), false);
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	public boolean conflict() {
		return conflict;
	}
}
