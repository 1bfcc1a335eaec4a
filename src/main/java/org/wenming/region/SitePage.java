package org.wenming.region;

import java.util.List;

/** One page of sites and how many there are in all. */
public record SitePage(List<PracticeSite> items, long total, int page, int size) {

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
