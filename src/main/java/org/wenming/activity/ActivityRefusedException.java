package org.wenming.activity;

import java.util.List;

import org.wenming.region.FieldProblem;

/**
 * An activity or sign-up step was refused; nothing was stored. {@link Kind#INVALID} names the
 * fields (400), {@link Kind#CONFLICT} says the state does not allow it (409), {@link Kind#FORBIDDEN}
 * that the person may not take it (403). Messages are keys of the activity bundle.
 */
public class ActivityRefusedException extends RuntimeException {

	public enum Kind {
		INVALID, CONFLICT, FORBIDDEN
	}

	private final Kind kind;

	private final List<FieldProblem> problems;

	public ActivityRefusedException(List<FieldProblem> problems) {
		this(Kind.INVALID, problems);
	}

	public ActivityRefusedException(Kind kind, List<FieldProblem> problems) {
		super("activity refused: " + problems, null, false, false);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static ActivityRefusedException invalid(String field, String messageKey) {
		return new ActivityRefusedException(Kind.INVALID, List.of(new FieldProblem(field, messageKey)));
	}

	public static ActivityRefusedException conflict(String messageKey) {
		return new ActivityRefusedException(Kind.CONFLICT, List.of(new FieldProblem("status", messageKey)));
	}

	public static ActivityRefusedException forbidden(String messageKey) {
		return new ActivityRefusedException(Kind.FORBIDDEN, List.of(new FieldProblem("user", messageKey)));
	}

	public Kind kind() {
		return kind;
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	/** The first problem's message key (conflicts and refusals have one). */
	public String messageKey() {
		return problems.get(0).messageKey();
	}
}
