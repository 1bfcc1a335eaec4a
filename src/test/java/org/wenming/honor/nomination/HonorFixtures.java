package org.wenming.honor.nomination;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.wenming.volunteer.TestVolunteers;

/** Nominations' test data: ID numbers that never repeat, and PDF documents clean and otherwise. */
public final class HonorFixtures {

	private HonorFixtures() {
	}

	/** An adult's resident ID of 端州区 unlikely to repeat in a run. */
	public static String adultId() {
		LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 365 * 60));
		return TestVolunteers.residentId("441202", birth, ThreadLocalRandom.current().nextInt(0, 1000));
	}

	/** A ten-year-old's resident ID. */
	public static String minorId() {
		LocalDate birth = LocalDate.now().minusYears(10).minusDays(ThreadLocalRandom.current().nextInt(0, 300));
		return TestVolunteers.residentId("441202", birth, ThreadLocalRandom.current().nextInt(0, 1000));
	}

	public static byte[] pdf(int pages) {
		try (PDDocument document = new PDDocument()) {
			for (int i = 0; i < pages; i++) {
				document.addPage(new PDPage());
			}
			return save(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] encryptedPdf() {
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			return save(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] pdfWithJavaScript() {
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			document.getDocumentCatalog().setOpenAction(new PDActionJavaScript("app.alert('hi');"));
			return save(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] pdfWithAttachment() {
		try (PDDocument document = new PDDocument()) {
			document.addPage(new PDPage());
			PDComplexFileSpecification spec = new PDComplexFileSpecification();
			spec.setFile("run.exe");
			PDEmbeddedFile file = new PDEmbeddedFile(document, new java.io.ByteArrayInputStream(new byte[] { 77, 90 }));
			spec.setEmbeddedFile(file);
			org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode tree = new org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode();
			tree.setNames(java.util.Map.of("run.exe", spec));
			org.apache.pdfbox.pdmodel.PDDocumentNameDictionary names = new org.apache.pdfbox.pdmodel.PDDocumentNameDictionary(
					document.getDocumentCatalog());
			names.setEmbeddedFiles(tree);
			document.getDocumentCatalog().setNames(names);
			return save(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Starts like a PDF and is not one. */
	public static byte[] forgedPdf() {
		return "%PDF-1.7\nthis is not a document at all\n%%EOF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

	private static byte[] save(PDDocument document) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		document.save(out);
		return out.toByteArray();
	}
}
