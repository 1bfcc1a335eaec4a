package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are judged by content, not by name. No Spring. */
class ImportFileTest {

	@TempDir
	Path dir;

	private Path file(byte[] bytes) throws IOException {
		return Files.write(dir.resolve("upload"), bytes);
	}

	private ImportFile.Kind inspect(byte[] bytes) throws IOException {
		return ImportFile.inspect(file(bytes), ImportFile.Limits.DEFAULT);
	}

	private void refused(byte[] bytes, String key) {
		assertThatThrownBy(() -> inspect(bytes)).isInstanceOf(ImportRefusedException.class)
			.extracting(e -> ((ImportRefusedException) e).messageKey()).isEqualTo(key);
	}

	@Test
	void utf8WithAndWithoutBom() throws IOException {
		byte[] csv = ImportFiles.csv(ImportFiles.rows("441202001002", 3));
		assertThat(inspect(csv)).isEqualTo(new ImportFile.Kind(ImportFile.Format.CSV, StandardCharsets.UTF_8, 0));
		byte[] bom = new byte[csv.length + 3];
		bom[0] = (byte) 0xEF;
		bom[1] = (byte) 0xBB;
		bom[2] = (byte) 0xBF;
		System.arraycopy(csv, 0, bom, 3, csv.length);
		assertThat(inspect(bom)).isEqualTo(new ImportFile.Kind(ImportFile.Format.CSV, StandardCharsets.UTF_8, 3));
	}

	@Test
	void gbkIsRecognisedAndReadAsChinese() throws IOException {
		byte[] gbk = ImportFiles.csv(ImportFiles.rows("441202001002", 3), Charset.forName("GBK"));
		ImportFile.Kind kind = inspect(gbk);
		assertThat(kind.format()).isEqualTo(ImportFile.Format.CSV);
		assertThat(kind.charset().name()).isEqualTo("GB18030");
		try (CsvRows rows = new CsvRows(file(gbk), kind.charset(), kind.bomLength())) {
			assertThat(rows.header().cells()).isEqualTo(ImportFiles.HEADER);
		}
	}

	@Test
	void htmlRenamedIsRefused() {
		refused("<!DOCTYPE html><html><body>登录</body></html>".getBytes(StandardCharsets.UTF_8),
				"volunteer.import.refused.markup");
		refused("\n  <html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8), "volunteer.import.refused.markup");
	}

	@Test
	void zipBombIsRefusedBeforeParsing() throws IOException {
		byte[] bomb = ImportFiles.zipBomb(300L << 20);
		assertThat(bomb.length).isLessThan(1 << 20);
		refused(bomb, "volunteer.import.refused.zipBomb");
		// and a total cap, whatever the ratio
		Path small = file(ImportFiles.zipBomb(8L << 20));
		assertThatThrownBy(() -> ImportFile.inspect(small, new ImportFile.Limits(4L << 20, 100, 100_000)))
			.isInstanceOf(ImportRefusedException.class).hasMessage("volunteer.import.refused.zipBomb");
	}

	@Test
	void otherFilesAreRefusedWithTheReason() throws IOException {
		refused(new byte[0], "volunteer.import.refused.empty");
		refused(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0 }, "volunteer.import.refused.xls");
		refused(new byte[] { (byte) 0xFF, (byte) 0xFE, 0x53, 0x59 }, "volunteer.import.refused.utf16");
		refused(new byte[] { 'a', 'b', 0, 1, 2 }, "volunteer.import.refused.binary");
		// neither UTF-8 nor GB18030: a lone 0x80 followed by an invalid trail byte
		refused(new byte[] { 'a', ',', (byte) 0x80, (byte) 0xFF, '\n' }, "volunteer.import.refused.encoding");
		refused("PK\u0003\u0004 not really a zip".getBytes(StandardCharsets.ISO_8859_1),
				"volunteer.import.refused.notWorkbook");
		// a real zip that is not a workbook
		byte[] zip = ImportFiles.zipBomb(10);
		java.io.ByteArrayOutputStream other = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(other)) {
			out.putNextEntry(new java.util.zip.ZipEntry("word/document.xml"));
			out.write(zip, 0, 10);
		}
		refused(other.toByteArray(), "volunteer.import.refused.notWorkbook");
	}

	@Test
	void aWorkbookPasses() throws IOException {
		byte[] xlsx = ImportFiles.xlsx(List.of(ImportFiles.row("441202001002")));
		assertThat(inspect(xlsx).format()).isEqualTo(ImportFile.Format.XLSX);
	}

	@Test
	void anUnterminatedQuoteDoesNotReadTheRestOfTheFileIntoMemory() throws IOException {
		StringBuilder csv = new StringBuilder(String.join(",", ImportFiles.HEADER)).append("\n\"");
		csv.append("x".repeat(CsvRows.MAX_RECORD_CHARS + 10));
		Path path = file(csv.toString().getBytes(StandardCharsets.UTF_8));
		try (CsvRows rows = new CsvRows(path, StandardCharsets.UTF_8, 0)) {
			rows.header();
			assertThatThrownBy(rows::next).isInstanceOf(ImportRefusedException.class)
				.hasMessage("volunteer.import.refused.malformedCsv");
		}
	}
}
