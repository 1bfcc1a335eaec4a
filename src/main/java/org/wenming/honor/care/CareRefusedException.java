package org.wenming.honor.care;

import java.util.List;

import org.wenming.region.FieldProblem;

/**
 * A care measure or grant was refused; nothing was stored. {@link Kind#INVALID} names the fields (400),
 * {@link Kind#CONFLICT} says the record's state does not allow it (409). Messages are keys of the
 * {@code honor-care} bundle.
 */
public class CareRefusedException extends RuntimeException {

	public enum Kind {
		INVALID, CONFLICT
	}

	private final Kind kind;

	private final List<FieldProblem> problems;

	public CareRefusedException(Kind kind, List<FieldProblem> problems) {
		super("care refused: " + problems, null, false, false);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static CareRefusedException invalid(List<FieldProblem> problems) {
		return new CareRefusedException(Kind.INVALID, problems);
	}

	public static CareRefusedException conflict(String field, String messageKey) {
		return new CareRefusedException(Kind.CONFLICT, List.of(new FieldProblem(field, messageKey)));
	}

	public Kind kind() {
		return kind;
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
