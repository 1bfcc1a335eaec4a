package org.wenming.volunteer.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * The first sheet of a workbook through FastExcel's streaming reader (StAX; rows are read one at a
 * time, not the whole sheet). {@link ImportFile} has checked the zip before this opens it.
 */
final class XlsxRows implements ImportRows {

	private final ReadableWorkbook workbook;

	private final Stream<org.dhatim.fastexcel.reader.Row> stream;

	private final Iterator<org.dhatim.fastexcel.reader.Row> rows;

	XlsxRows(Path file) throws IOException {
		try {
			this.workbook = new ReadableWorkbook(file.toFile());
			this.stream = workbook.getFirstSheet().openStream();
			this.rows = stream.iterator();
		}
		catch (ExcelReaderException | UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
			throw new ImportRefusedException("volunteer.import.refused.notWorkbook");
		}
	}

	@Override
	public Row header() throws IOException {
		return next();
	}

	@Override
	public Row next() throws IOException {
		try {
			if (!rows.hasNext()) {
				return null;
			}
			org.dhatim.fastexcel.reader.Row row = rows.next();
			if (row.getCellCount() > CsvRows.MAX_CELLS) {
				throw new ImportRefusedException("volunteer.import.refused.tooManyCells", row.getRowNum());
			}
			List<String> cells = new ArrayList<>(row.getCellCount());
			for (int i = 0; i < row.getCellCount(); i++) {
				cells.add(row.getCellText(i));
			}
			return new Row(row.getRowNum(), cells);
		}
		catch (ExcelReaderException | UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
			throw new ImportRefusedException("volunteer.import.refused.notWorkbook");
		}
	}

	@Override
	public void close() throws IOException {
		stream.close();
		workbook.close();
	}
}
