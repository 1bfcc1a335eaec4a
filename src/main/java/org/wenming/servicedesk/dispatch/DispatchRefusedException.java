package org.wenming.servicedesk.dispatch;

import java.util.List;

import org.wenming.region.FieldProblem;

/**
 * A dispatch step was refused; nothing was stored. {@link Kind#INVALID} names the fields (400),
 * {@link Kind#CONFLICT} says the order's state does not allow the step (409). Messages are keys of the
 * {@code servicedesk-dispatch} bundle (or the activity bundle's, for a shift the activity rules refused).
 */
public class DispatchRefusedException extends RuntimeException {

	public enum Kind {
		INVALID, CONFLICT
	}

	private final Kind kind;

	private final List<FieldProblem> problems;

	public DispatchRefusedException(Kind kind, List<FieldProblem> problems) {
		super("dispatch refused: " + problems, null, false, false);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static DispatchRefusedException invalid(String field, String messageKey) {
		return new DispatchRefusedException(Kind.INVALID, List.of(new FieldProblem(field, messageKey)));
	}

	public static DispatchRefusedException conflict(String messageKey) {
		return new DispatchRefusedException(Kind.CONFLICT, List.of(new FieldProblem("status", messageKey)));
	}

	public Kind kind() {
		return kind;
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
