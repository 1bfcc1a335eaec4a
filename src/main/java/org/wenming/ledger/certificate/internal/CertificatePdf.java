package org.wenming.ledger.certificate.internal;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.ledger.CertificateLine;
import org.wenming.ledger.certificate.ServiceFigures;
import org.wenming.ledger.certificate.TypeHours;
import org.wenming.platform.PdfFonts;

/**
 * Lays out the certificate (志愿服务证明) as one A4 page for print: a double frame, the title, the
 * statement, the table of hours by activity type, the issuer and date, the certificate number and a
 * QR code (drawn as vectors, sharp at any print size) to the public verification page. All text is
 * set in Noto Sans SC (SIL Open Font License), embedded as a subset of the characters used.
 */
@Component
public class CertificatePdf {

	private static final Color RED = new Color(0xA3, 0x1D, 0x1D);

	private static final Color INK = new Color(0x1F, 0x1F, 0x1F);

	private static final Color GREY = new Color(0x55, 0x55, 0x55);

	private static final Color RULE = new Color(0xD8, 0xC8, 0xA8);

	private final MessageSource messages;

	CertificatePdf(MessageSource messages) {
		this.messages = messages;
	}

	/** What goes on the page; the names and numbers are the volunteer's own, masked where the rules say so. */
	public record Content(String number, String realName, String idTypeKey, String idNumberMasked,
			String volunteerNumber, LocalDate periodFrom, LocalDate periodTo, ServiceFigures figures, String issuer,
			LocalDate issuedOn, String verificationUrl, List<CertificateLine> lines, List<Head> heads) {

		public Content {
			lines = lines == null ? List.of() : List.copyOf(lines);
			heads = heads == null ? List.of() : List.copyOf(heads);
		}
	}

	/** The signed tree head a certificate names (issue 20): city, tree size, signed time, the root's first 16 hex. */
	public record Head(String city, long size, java.time.Instant time, String rootPrefix) {
	}

	public byte[] render(Content c, Locale locale) {
		BaseFont base = PdfFonts.chinese();
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
		Document document = new Document(PageSize.A4, 72, 72, 72, 250);
		try {
			PdfWriter writer = PdfWriter.getInstance(document, out);
			document.addTitle(t("certificate.pdf.title", locale) + " " + c.number());
			document.addCreator(c.issuer());
			document.open();
			// the fixed parts first, so they are on the first (the only) page whatever the table's length
			frame(writer.getDirectContentUnder(), document.getPageSize());
			verification(writer.getDirectContent(), base, c, locale);
			issuer(writer.getDirectContent(), base, c, locale);

			Paragraph title = new Paragraph(bold(t("certificate.pdf.title", locale), new Font(base, 30, Font.NORMAL, RED)));
			title.setAlignment(Element.ALIGN_CENTER);
			title.setSpacingAfter(4);
			document.add(title);
			Paragraph subtitle = new Paragraph(t("certificate.pdf.subtitle", locale), new Font(base, 10, Font.NORMAL, GREY));
			subtitle.setAlignment(Element.ALIGN_CENTER);
			subtitle.setSpacingAfter(12);
			document.add(subtitle);

			Paragraph number = new Paragraph(t("certificate.pdf.number", locale, c.number()),
					new Font(base, 10, Font.NORMAL, GREY));
			number.setAlignment(Element.ALIGN_RIGHT);
			number.setSpacingAfter(10);
			document.add(number);

			Font body = new Font(base, 13, Font.NORMAL, INK);
			String period = c.periodFrom() == null
					? t("certificate.pdf.periodAll", locale, date(c.periodTo(), locale))
					: t("certificate.pdf.period", locale, date(c.periodFrom(), locale), date(c.periodTo(), locale));
			Paragraph statement = new Paragraph(24, t("certificate.pdf.statement", locale, c.realName(), period,
					ServiceFigures.hours(c.figures().totalHours()), c.figures().records()), body);
			statement.setFirstLineIndent(26);
			statement.setSpacingAfter(14);
			document.add(statement);

			document.add(identity(c, base, locale));
			document.add(hoursTable(c.figures(), base, locale));
			for (CertificateLine.Kind kind : CertificateLine.Kind.values()) {
				List<CertificateLine> ofKind = c.lines().stream().filter(line -> line.kind() == kind).toList();
				if (!ofKind.isEmpty()) {
					document.add(linesTable(kind, ofKind, base, locale));
				}
			}

			Paragraph closing = new Paragraph(24, t("certificate.pdf.closing", locale), body);
			closing.setFirstLineIndent(26);
			closing.setSpacingBefore(8);
			document.add(closing);

			document.close();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("certificate " + c.number() + " could not be laid out", ex);
		}
		return out.toByteArray();
	}

	/** Who is certified, as a block of its own: numbers never break across lines inside a sentence. */
	private PdfPTable identity(Content c, BaseFont base, Locale locale) throws DocumentException {
		Font label = new Font(base, 11, Font.NORMAL, GREY);
		Font value = new Font(base, 12, Font.NORMAL, INK);
		PdfPTable table = new PdfPTable(new float[] { 2, 3, 2, 3 });
		table.setWidthPercentage(100);
		table.setSpacingAfter(14);
		String[] cells = { t("certificate.pdf.name", locale), c.realName(), t("certificate.pdf.idType", locale),
				t(c.idTypeKey(), locale), t("certificate.pdf.volunteerNumber", locale), c.volunteerNumber(),
				t("certificate.pdf.idNumber", locale), c.idNumberMasked() };
		for (int i = 0; i < cells.length; i++) {
			PdfPCell cell = cell(cells[i], i % 2 == 0 ? label : value, null, Element.ALIGN_LEFT);
			cell.setBorder(Rectangle.BOTTOM);
			table.addCell(cell);
		}
		return table;
	}

	private PdfPTable hoursTable(ServiceFigures figures, BaseFont base, Locale locale) throws DocumentException {
		Font head = new Font(base, 11, Font.NORMAL, Color.WHITE);
		Font cell = new Font(base, 11, Font.NORMAL, INK);
		PdfPTable table = new PdfPTable(new float[] { 3, 2, 2 });
		table.setWidthPercentage(100);
		table.setSpacingBefore(4);
		table.setHeaderRows(1);
		table.addCell(cell(t("certificate.pdf.type", locale), head, RED, Element.ALIGN_LEFT));
		table.addCell(cell(t("certificate.pdf.records", locale), head, RED, Element.ALIGN_RIGHT));
		table.addCell(cell(t("certificate.pdf.hours", locale), head, RED, Element.ALIGN_RIGHT));
		List<TypeHours> rows = figures.byType();
		if (rows.isEmpty()) {
			PdfPCell none = cell(t("certificate.pdf.none", locale), cell, null, Element.ALIGN_LEFT);
			none.setColspan(3);
			table.addCell(none);
		}
		for (TypeHours row : rows) {
			table.addCell(cell(t(row.messageKey(), locale, row.activityType()), cell, null, Element.ALIGN_LEFT));
			table.addCell(cell(String.valueOf(row.records()), cell, null, Element.ALIGN_RIGHT));
			table.addCell(cell(ServiceFigures.hours(row.hours()), cell, null, Element.ALIGN_RIGHT));
		}
		Color total = new Color(0xF6, 0xEF, 0xE2);
		table.addCell(cell(t("certificate.pdf.total", locale), cell, total, Element.ALIGN_LEFT));
		table.addCell(cell(String.valueOf(figures.records()), cell, total, Element.ALIGN_RIGHT));
		table.addCell(cell(ServiceFigures.hours(figures.totalHours()), cell, total, Element.ALIGN_RIGHT));
		return table;
	}

	/** The commendations or trainings the volunteer asked for: date, what, by whom (and level or hours). */
	private PdfPTable linesTable(CertificateLine.Kind kind, List<CertificateLine> lines, BaseFont base, Locale locale)
			throws DocumentException {
		Font head = new Font(base, 10, Font.NORMAL, Color.WHITE);
		Font small = new Font(base, 10, Font.NORMAL, INK);
		PdfPTable table = new PdfPTable(new float[] { 2, 4, 4 });
		table.setWidthPercentage(100);
		table.setSpacingBefore(8);
		table.setHeaderRows(1);
		PdfPCell title = cell(t("certificate.pdf.lines." + kind.name(), locale), head, RED, Element.ALIGN_LEFT);
		title.setColspan(3);
		table.addCell(title);
		for (CertificateLine line : lines) {
			table.addCell(cell(date(line.on(), locale), small, null, Element.ALIGN_LEFT));
			table.addCell(cell(line.title(), small, null, Element.ALIGN_LEFT));
			String detail = line.detailKey() == null ? null : t(line.detailKey(), locale, line.detailArgument());
			String by = detail == null ? line.by()
					: line.by().isBlank() ? detail : t("certificate.pdf.lines.by", locale, line.by(), detail);
			table.addCell(cell(by, small, null, Element.ALIGN_LEFT));
		}
		return table;
	}

	private static PdfPCell cell(String text, Font font, Color background, int alignment) {
		PdfPCell cell = new PdfPCell(new Phrase(text, font));
		cell.setPaddingTop(4);
		cell.setPaddingBottom(7);
		cell.setPaddingLeft(8);
		cell.setPaddingRight(8);
		cell.setBorderColor(RULE);
		cell.setHorizontalAlignment(alignment);
		if (background != null) {
			cell.setBackgroundColor(background);
		}
		return cell;
	}

	/** The QR code bottom left, with what it is for and the address in words beside it. */
	private void verification(PdfContentByte canvas, BaseFont base, Content c, Locale locale) {
		float size = 96;
		float x = 72;
		float y = 80;
		BitMatrix matrix = qr(c.verificationUrl());
		float module = size / matrix.getWidth();
		canvas.saveState();
		canvas.setColorFill(Color.BLACK);
		for (int row = 0; row < matrix.getHeight(); row++) {
			for (int col = 0; col < matrix.getWidth(); col++) {
				if (matrix.get(col, row)) {
					canvas.rectangle(x + col * module, y + size - (row + 1) * module, module, module);
				}
			}
		}
		canvas.fill();
		canvas.restoreState();
		ColumnText text = new ColumnText(canvas);
		text.setSimpleColumn(x + size + 16, y - 4, PageSize.A4.getWidth() - 72, y + size);
		Paragraph scan = new Paragraph(18, t("certificate.pdf.scan", locale), new Font(base, 11, Font.NORMAL, INK));
		text.addElement(scan);
		Paragraph url = new Paragraph(14, c.verificationUrl(), new Font(base, 9, Font.NORMAL, GREY));
		text.addElement(url);
		Paragraph free = new Paragraph(14, t("certificate.pdf.free", locale), new Font(base, 9, Font.NORMAL, GREY));
		text.addElement(free);
		try {
			text.go();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
		heads(canvas, base, c, locale, x, y);
	}

	/** Under the QR code: the signed ledger heads the certificate names, what the verification page proves against. */
	private void heads(PdfContentByte canvas, BaseFont base, Content c, Locale locale, float x, float y) {
		if (c.heads().isEmpty()) {
			return;
		}
		ColumnText text = new ColumnText(canvas);
		text.setSimpleColumn(x, 38, PageSize.A4.getWidth() - 72, y - 2);
		Font small = new Font(base, 7, Font.NORMAL, GREY);
		for (Head head : c.heads().subList(0, Math.min(3, c.heads().size()))) {
			text.addElement(new Paragraph(9, t("certificate.pdf.head", locale, head.city(), String.valueOf(head.size()),
					java.time.format.DateTimeFormatter.ISO_INSTANT.format(head.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
					head.rootPrefix()), small));
		}
		try {
			text.go();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Issuer and date of issue, right-aligned above the QR code, where a seal would go. */
	private void issuer(PdfContentByte canvas, BaseFont base, Content c, Locale locale) {
		ColumnText text = new ColumnText(canvas);
		text.setSimpleColumn(240, 190, PageSize.A4.getWidth() - 72, 250);
		Paragraph issuer = new Paragraph(22, c.issuer(), new Font(base, 13, Font.NORMAL, INK));
		issuer.setAlignment(Element.ALIGN_RIGHT);
		text.addElement(issuer);
		Paragraph issued = new Paragraph(22, t("certificate.pdf.issuedOn", locale, date(c.issuedOn(), locale)),
				new Font(base, 12, Font.NORMAL, INK));
		issued.setAlignment(Element.ALIGN_RIGHT);
		text.addElement(issued);
		try {
			text.go();
		}
		catch (DocumentException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static BitMatrix qr(String content) {
		Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
		hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
		hints.put(EncodeHintType.MARGIN, 0);
		hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
		try {
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
		}
		catch (WriterException ex) {
			throw new IllegalStateException("no QR code for a " + content.length() + "-character address", ex);
		}
	}

	private static void frame(PdfContentByte canvas, Rectangle page) {
		canvas.saveState();
		canvas.setColorStroke(RED);
		canvas.setLineWidth(3);
		canvas.rectangle(28, 28, page.getWidth() - 56, page.getHeight() - 56);
		canvas.stroke();
		canvas.setLineWidth(0.8f);
		canvas.rectangle(36, 36, page.getWidth() - 72, page.getHeight() - 72);
		canvas.stroke();
		canvas.restoreState();
	}

	/** The regular face drawn with a thin outline: a bold title without embedding a second 10 MB face. */
	private static Chunk bold(String text, Font font) {
		Chunk chunk = new Chunk(text, font);
		chunk.setTextRenderMode(PdfContentByte.TEXT_RENDER_MODE_FILL_STROKE, 0.6f, font.getColor());
		return chunk;
	}

	private String t(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	private static String date(LocalDate date, Locale locale) {
		return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale));
	}
}
