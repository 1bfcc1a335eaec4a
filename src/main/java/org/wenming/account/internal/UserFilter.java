package org.wenming.account.internal;

import org.wenming.shared.Roles;

/**
 * The user list's search: text in username or display name, and a role; empty means any.
 *
 * @param page 1-based page number
 */
record UserFilter(String text, String role, int page) {

	static final int PAGE_SIZE = 20;

	/** Parses request parameters; a bad one is refused naming the parameter. */
	static UserFilter parse(String text, String role, String page) {
		String q = text == null ? "" : text.trim();
		if (q.length() > 64 || !TextRules.isPlain(q)) {
			throw InvalidFields.of("q", "error.searchText");
		}
		String r = role == null ? "" : role.trim();
		if (!r.isEmpty() && !Roles.ALL.contains(r)) {
			throw InvalidFields.of("role", "error.role");
		}
		return new UserFilter(q, r, pageNumber(page));
	}

	static int pageNumber(String page) {
		if (page == null || page.isBlank()) {
			return 1;
		}
		if (!page.matches("\\d{1,6}") || Integer.parseInt(page) < 1) {
			throw InvalidFields.of("page", "error.page");
		}
		return Integer.parseInt(page);
	}

	int offset() {
		return (page - 1) * PAGE_SIZE;
	}
}
