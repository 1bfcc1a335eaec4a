package org.wenming.volunteer.team;

import java.util.List;

/** One page of teams and how many there are in all. */
public record TeamPage(List<Team> items, long total, int page, int size) {

	public int pages() {
		return (int) ((total + size - 1) / size);
	}

	public boolean hasNext() {
		return page + 1 < pages();
	}

	public boolean hasPrevious() {
		return page > 0;
	}
}
