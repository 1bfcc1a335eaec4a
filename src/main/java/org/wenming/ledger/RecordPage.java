package org.wenming.ledger;

import java.util.List;

/** One page of records. */
public record RecordPage(List<RecordRow> items, long total, int page, int size) {

	public int pages() {
		return (int) ((total + size - 1) / size);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public boolean hasNext() {
		return page + 1 < pages();
	}
}
