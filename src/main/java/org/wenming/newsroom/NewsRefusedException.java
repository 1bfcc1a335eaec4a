package org.wenming.newsroom;

import java.util.List;

import org.wenming.region.FieldProblem;

/** An article, a photo or a link domain was refused, naming the fields (400); nothing was stored. */
public class NewsRefusedException extends RuntimeException {

	private final List<FieldProblem> problems;

	public NewsRefusedException(List<FieldProblem> problems) {
		super("news refused: " + problems, null, false, false);
		this.problems = List.copyOf(problems);
	}

	public static NewsRefusedException of(String field, String messageKey) {
		return new NewsRefusedException(List.of(new FieldProblem(field, messageKey)));
	}

	public List<FieldProblem> problems() {
		return problems;
	}
}
