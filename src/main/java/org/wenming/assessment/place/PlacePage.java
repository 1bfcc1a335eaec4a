package org.wenming.assessment.place;

import java.util.List;

/** One page of places and the count of all that match. */
public record PlacePage(List<Place> items, long total, int page, int size) {

	public int pages() {
		return (int) ((total + size - 1) / size);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public boolean hasNext() {
		return (long) (page + 1) * size < total;
	}
}
