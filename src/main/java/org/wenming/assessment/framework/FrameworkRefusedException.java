package org.wenming.assessment.framework;

import java.util.List;

/**
 * A framework change refused, and why: the fields at fault with their message keys (bundle
 * {@code assessment-framework}), and the kind of refusal, which the web layer turns into a status.
 */
public class FrameworkRefusedException extends RuntimeException {

	public enum Kind {
		/** Bad input: 400 naming the fields. */
		INVALID,
		/** The framework is published (or retired) and cannot change: 409. */
		FROZEN,
		/** Clashes with what is stored (a code taken, a draft of the name exists, an item still in use): 409. */
		CONFLICT,
		/** No such framework, item or criterion: 404. */
		NOT_FOUND
	}

	/** One refused field with the message key that says why. */
	public record Problem(String field, String messageKey) {
	}

	private final Kind kind;

	private final List<Problem> problems;

	public FrameworkRefusedException(Kind kind, List<Problem> problems) {
		super(kind + " " + problems);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static FrameworkRefusedException invalid(String field, String messageKey) {
		return new FrameworkRefusedException(Kind.INVALID, List.of(new Problem(field, messageKey)));
	}

	public static FrameworkRefusedException frozen() {
		return new FrameworkRefusedException(Kind.FROZEN, List.of(new Problem("status", "assessment.framework.error.frozen")));
	}

	public static FrameworkRefusedException conflict(String field, String messageKey) {
		return new FrameworkRefusedException(Kind.CONFLICT, List.of(new Problem(field, messageKey)));
	}

	public static FrameworkRefusedException notFound(String field) {
		return new FrameworkRefusedException(Kind.NOT_FOUND, List.of(new Problem(field, "assessment.framework.error.notFound")));
	}

	public Kind kind() {
		return kind;
	}

	public List<Problem> problems() {
		return problems;
	}

	public Problem first() {
		return problems.get(0);
	}
}
