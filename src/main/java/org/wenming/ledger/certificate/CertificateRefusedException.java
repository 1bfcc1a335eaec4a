package org.wenming.ledger.certificate;

import java.util.List;

import org.wenming.region.FieldProblem;

/** The period asked for cannot be certified; each problem names the field and its message key. */
public class CertificateRefusedException extends RuntimeException {

	private final transient List<FieldProblem> problems;

	public CertificateRefusedException(List<FieldProblem> problems) {
		super("certificate refused: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
