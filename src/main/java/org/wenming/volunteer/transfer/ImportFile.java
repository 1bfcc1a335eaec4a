package org.wenming.volunteer.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What an uploaded file really is, judged by its content and never by its name: an XLSX workbook
 * (a zip holding {@code [Content_Types].xml} and {@code xl/workbook.xml}, inflated within limits
 * before any XML parser sees it) or a CSV text in UTF-8 (with or without BOM) or GBK/GB18030 (what
 * Excel saves in China). Everything else is refused with the reason.
 */
public final class ImportFile {

	public enum Format {
		CSV, XLSX
	}

	/** The verdict: the format and, for a CSV, its encoding and how many bytes of BOM to skip. */
	public record Kind(Format format, Charset charset, int bomLength) {
	}

	/** Limits that keep a hostile workbook from exhausting disk, memory or time. */
	public record Limits(long maxInflatedBytes, int maxEntries, int maxRatio) {

		public static final Limits DEFAULT = new Limits(2L << 30, 10_000, 200);
	}

	private static final Charset GB18030 = Charset.forName("GB18030");

	private ImportFile() {
	}

	public static Kind inspect(Path file, Limits limits) throws IOException {
		byte[] head = new byte[512];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		if (n == 0) {
			throw new ImportRefusedException("volunteer.import.refused.empty");
		}
		if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
			checkWorkbook(file, limits);
			return new Kind(Format.XLSX, null, 0);
		}
		if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
				&& (head[3] & 0xFF) == 0xE0) {
			// the old binary .xls, or an encrypted .xlsx: both are OLE2 containers
			throw new ImportRefusedException("volunteer.import.refused.xls");
		}
		if (n >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
				|| (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
			throw new ImportRefusedException("volunteer.import.refused.utf16");
		}
		int bom = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
		if (looksLikeMarkup(head, bom, n)) {
			throw new ImportRefusedException("volunteer.import.refused.markup");
		}
		for (int i = 0; i < n; i++) {
			if (head[i] == 0) {
				throw new ImportRefusedException("volunteer.import.refused.binary");
			}
		}
		if (decodesCleanly(file, StandardCharsets.UTF_8)) {
			return new Kind(Format.CSV, StandardCharsets.UTF_8, bom);
		}
		if (bom == 0 && decodesCleanly(file, GB18030)) {
			return new Kind(Format.CSV, GB18030, 0);
		}
		throw new ImportRefusedException("volunteer.import.refused.encoding");
	}

	/** An HTML page or XML document renamed: the first non-blank character is '<'. */
	private static boolean looksLikeMarkup(byte[] head, int from, int n) {
		for (int i = from; i < n; i++) {
			byte b = head[i];
			if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
				continue;
			}
			if (b != '<') {
				return false;
			}
			String start = new String(head, i, Math.min(n - i, 64), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
			// <!doctype, <html, <?xml, <!--, <script…: a tag, whatever its name
			return start.length() > 1 && (Character.isLetter(start.charAt(1)) || start.charAt(1) == '!'
					|| start.charAt(1) == '?');
		}
		return false;
	}

	/** Strict decoding of the whole file, streamed: any malformed or unmappable byte sequence fails it. */
	static boolean decodesCleanly(Path file, Charset charset) throws IOException {
		CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.allocate(64 * 1024);
		CharBuffer out = CharBuffer.allocate(64 * 1024);
		try (InputStream stream = Files.newInputStream(file)) {
			byte[] chunk = new byte[64 * 1024];
			int read;
			while ((read = stream.read(chunk, 0, in.remaining())) > 0) {
				in.put(chunk, 0, read);
				in.flip();
				CoderResult result = decoder.decode(in, out, false);
				if (result.isError()) {
					return false;
				}
				out.clear();
				in.compact();
			}
			in.flip();
			CoderResult result = decoder.decode(in, out, true);
			if (result.isError() || in.hasRemaining()) {
				return false;
			}
			out.clear();
			return !decoder.flush(out).isError();
		}
	}

	/**
	 * A workbook is opened only after every entry has been inflated once here, counting real bytes
	 * (the sizes a zip declares can lie): too many entries, too much inflated data in all, or an entry
	 * that inflates far beyond what a spreadsheet does, and the file is refused as a zip bomb.
	 */
	static void checkWorkbook(Path file, Limits limits) throws IOException {
		Set<String> names = new HashSet<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.size() > limits.maxEntries()) {
				throw new ImportRefusedException("volunteer.import.refused.zipBomb");
			}
			long total = 0;
			byte[] buffer = new byte[64 * 1024];
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				names.add(entry.getName());
				long compressed = Math.max(entry.getCompressedSize(), 1);
				long inflated = 0;
				try (InputStream in = zip.getInputStream(entry)) {
					int read;
					while ((read = in.read(buffer)) > 0) {
						inflated += read;
						total += read;
						if (total > limits.maxInflatedBytes()
								|| inflated > 1_000_000 && inflated / compressed > limits.maxRatio()) {
							throw new ImportRefusedException("volunteer.import.refused.zipBomb");
						}
					}
				}
			}
		}
		catch (ZipException ex) {
			throw new ImportRefusedException("volunteer.import.refused.notWorkbook");
		}
		if (!names.contains("[Content_Types].xml") || !names.contains("xl/workbook.xml")) {
			throw new ImportRefusedException("volunteer.import.refused.notWorkbook");
		}
	}
}
