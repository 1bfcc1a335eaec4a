package org.wenming.volunteer;

import java.util.List;

/** One page of a search. */
public record VolunteerPage(List<Volunteer> items, long total, int page, int size) {

	public int pages() {
		return (int) Math.max(1, (total + size - 1) / size);
	}

	public boolean hasNext() {
		return page + 1 < pages();
	}

	public boolean hasPrevious() {
		return page > 0;
	}
}
