package org.wenming.honor.notice;

import java.util.List;

/** A comment, objection, moderation or answer broke one or more rules; nothing was stored (400 naming the fields). */
public class NoticeRefusedException extends RuntimeException {

	private final List<NoticeProblem> problems;

	public NoticeRefusedException(List<NoticeProblem> problems) {
		super("refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<NoticeProblem> problems() {
		return problems;
	}
}
