package org.wenming.servicedesk.menu;

import java.util.List;

/** A menu item draft broke one or more rules; nothing was stored. */
public class MenuRefusedException extends RuntimeException {

	private final List<MenuProblem> problems;

	public MenuRefusedException(List<MenuProblem> problems) {
		super("menu item refused: " + problems);
		this.problems = List.copyOf(problems);
	}

	public List<MenuProblem> problems() {
		return problems;
	}
}
