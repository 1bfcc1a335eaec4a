package org.wenming.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.lowagie.text.pdf.BaseFont;

/**
 * The Chinese font every PDF of Wenming embeds (certificates, statistics, rankings): Noto Sans SC
 * Regular, unpacked into the jar at build time from {@code ph-fonts-noto-sans-sc}.
 */
public final class PdfFonts {

	private static final String FONT = "/fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

	private PdfFonts() {
	}

	/** Identity-H and embedded: each PDF carries a subset of the glyphs it uses. */
	public static BaseFont chinese() {
		return Holder.REGULAR;
	}

	/** The font file is 10 MB: read once, on the first PDF rather than at start. */
	private static final class Holder {

		static final BaseFont REGULAR = load();

		private static BaseFont load() {
			try (InputStream in = PdfFonts.class.getResourceAsStream(FONT)) {
				if (in == null) {
					throw new IllegalStateException(FONT + " is missing from the class path (ph-fonts-noto-sans-sc)");
				}
				return BaseFont.createFont("NotoSansSC-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
						in.readAllBytes(), null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}
}
