package org.wenming.volunteer.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The rows of an import file, read one at a time: the header first, then data rows until null. */
interface ImportRows extends Closeable {

	/** A row as the user sees it numbered in their spreadsheet (the header is row 1). */
	record Row(long number, List<String> cells) {

		boolean blank() {
			return cells.stream().allMatch(c -> c == null || c.isBlank());
		}
	}

	/** The header row, or null for an empty file. */
	Row header() throws IOException;

	/** The next data row, or null at the end. */
	Row next() throws IOException;
}
