package org.wenming.servicedesk.order;

import java.util.List;

/** An order broke one or more rules; nothing was stored. */
public class OrderRefusedException extends RuntimeException {

	private final List<OrderProblem> problems;

	public OrderRefusedException(List<OrderProblem> problems) {
		super("order refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<OrderProblem> problems() {
		return problems;
	}
}
