package org.wenming.volunteer.transfer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.wenming.volunteer.ResidentIdNumber;

/**
 * The import template (导入模板): the Chinese headers and one example row whose data are obviously
 * made up (测试样例, a 139 0000 0000 mobile), with a resident ID that passes GB 11643 so that the
 * example itself imports.
 */
public final class ImportTemplate {

	private ImportTemplate() {
	}

	public static List<String> headers() {
		List<String> headers = new ArrayList<>();
		for (ImportColumn column : ImportColumn.values()) {
			headers.add(column.header());
		}
		return headers;
	}

	public static List<String> example() {
		List<String> row = new ArrayList<>();
		for (ImportColumn column : ImportColumn.values()) {
			row.add(column == ImportColumn.ID_NUMBER ? exampleId() : column.example());
		}
		return row;
	}

	/** 端州区, born 1990-01-01, sequence 001 (a man), with its check code. */
	static String exampleId() {
		String first17 = "44120219900101001";
		return first17 + ResidentIdNumber.checkCode(first17);
	}

	public static void csv(OutputStream out) throws IOException {
		BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		writer.write('\uFEFF');
		CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
		printer.printRecord(headers());
		printer.printRecord(example());
		printer.flush();
	}

	public static void xlsx(OutputStream out) throws IOException {
		Workbook workbook = new Workbook(out, "Wenming", "1.0");
		Worksheet sheet = workbook.newWorksheet("志愿者");
		List<String> headers = headers();
		List<String> example = example();
		for (int c = 0; c < headers.size(); c++) {
			sheet.value(0, c, headers.get(c));
			sheet.style(0, c).bold().set();
			// text cells: ID and phone numbers typed into a number cell lose digits
			sheet.value(1, c, example.get(c));
			sheet.width(c, 16);
		}
		workbook.finish();
	}
}
