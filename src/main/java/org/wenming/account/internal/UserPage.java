package org.wenming.account.internal;

import java.util.List;

/** One page of the user list with the total inside the scope. */
public record UserPage(List<Account> items, long total, int page, int size) {

	public boolean hasNext() {
		return (long) page * size < total;
	}
}
