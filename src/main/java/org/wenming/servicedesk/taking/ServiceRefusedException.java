package org.wenming.servicedesk.taking;

import java.util.List;

import org.wenming.activity.ActivityRefusedException;
import org.wenming.region.FieldProblem;

/**
 * A take, an assignment, a completion or a rating was refused; nothing was stored. {@link Kind#INVALID}
 * names the fields (400), {@link Kind#CONFLICT} says the order's state does not allow it (409),
 * {@link Kind#FORBIDDEN} that the person may not (403). Messages are keys of the {@code servicedesk-service}
 * bundle, or the activity bundle's for a take the shift's rules refused (no places left, team only...).
 */
public class ServiceRefusedException extends RuntimeException {

	public enum Kind {
		INVALID, CONFLICT, FORBIDDEN
	}

	private final Kind kind;

	private final List<FieldProblem> problems;

	public ServiceRefusedException(Kind kind, List<FieldProblem> problems) {
		super("service step refused: " + problems, null, false, false);
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	public static ServiceRefusedException invalid(String field, String messageKey) {
		return new ServiceRefusedException(Kind.INVALID, List.of(new FieldProblem(field, messageKey)));
	}

	public static ServiceRefusedException conflict(String messageKey) {
		return new ServiceRefusedException(Kind.CONFLICT, List.of(new FieldProblem("status", messageKey)));
	}

	public static ServiceRefusedException forbidden(String messageKey) {
		return new ServiceRefusedException(Kind.FORBIDDEN, List.of(new FieldProblem("user", messageKey)));
	}

	/** The activity module's refusal of a sign-up, with its reason, as the desk's. */
	static ServiceRefusedException of(ActivityRefusedException ex) {
		Kind kind = switch (ex.kind()) {
			case INVALID -> Kind.INVALID;
			case CONFLICT -> Kind.CONFLICT;
			case FORBIDDEN -> Kind.FORBIDDEN;
		};
		return new ServiceRefusedException(kind, ex.problems());
	}

	public Kind kind() {
		return kind;
	}

	public List<FieldProblem> problems() {
		return problems;
	}

	public String messageKey() {
		return problems.get(0).messageKey();
	}
}
