package org.wenming.complaint;

import java.util.List;

import org.wenming.region.FieldProblem;

/**
 * A complaint step, a response or a rating was refused; nothing was stored. {@link Kind#INVALID} names the
 * fields (400); {@link Kind#CONFLICT} says the complaint's state (or a rating already given) does not allow it
 * (409).
 */
public class ComplaintRefusedException extends RuntimeException {

	public enum Kind {
		INVALID, CONFLICT
	}

	private final Kind kind;

	private final List<FieldProblem> problems;

	public ComplaintRefusedException(Kind kind, List<FieldProblem> problems) {
		super("complaint refused: " + problems, null, false, false);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static ComplaintRefusedException invalid(List<FieldProblem> problems) {
		return new ComplaintRefusedException(Kind.INVALID, problems);
	}

	public static ComplaintRefusedException conflict(String field, String messageKey) {
		return new ComplaintRefusedException(Kind.CONFLICT, List.of(new FieldProblem(field, messageKey)));
	}

	public Kind kind() {
		return kind;
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
