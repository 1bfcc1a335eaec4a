package org.wenming.honor.vetting;

import java.util.List;

import org.wenming.region.FieldProblem;

/**
 * A vetting step, a notice period or a publication was refused; nothing was stored. {@link Kind#INVALID}
 * names the fields (400), {@link Kind#CONFLICT} says the nomination's state, level or version does not allow
 * it (409). Messages are keys of the {@code honor-roll} bundle.
 */
public class VettingRefusedException extends RuntimeException {

	public enum Kind {
		INVALID, CONFLICT
	}

	private final Kind kind;

	private final List<FieldProblem> problems;

	public VettingRefusedException(Kind kind, List<FieldProblem> problems) {
		super("honours step refused: " + problems, null, false, false);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static VettingRefusedException invalid(String field, String messageKey) {
		return new VettingRefusedException(Kind.INVALID, List.of(new FieldProblem(field, messageKey)));
	}

	public static VettingRefusedException conflict(String field, String messageKey) {
		return new VettingRefusedException(Kind.CONFLICT, List.of(new FieldProblem(field, messageKey)));
	}

	public Kind kind() {
		return kind;
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
