package org.wenming.honor.nomination;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;

/**
 * A nomination's evidence (证明材料): photos by casework's photo rules ({@link CasePhotos#check}: checked by
 * content, re-encoded, no EXIF) and PDF documents checked by content (the {@code %PDF-} header, parsed, not
 * encrypted, without JavaScript, launch actions or embedded files; the page count kept). The files live in the
 * object store's {@code honor} area, a row each in {@code honor_evidence}; no route serves them to the public
 * except a photo that a consented, public nomination shows as its portrait ({@link #openPublicPortrait}).
 */
@Service
public class Evidence {

	/** The form's and the JSON's field. */
	public static final String FIELD = "evidence";

	private static final Logger log = LoggerFactory.getLogger(Evidence.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	/** Names that make a PDF more than a document: scripts, programs to start, files inside it. */
	private static final COSName LAUNCH = COSName.getPDFName("Launch");

	private static final List<COSName> ACTIVE = List.of(COSName.JAVA_SCRIPT, COSName.JS, LAUNCH,
			COSName.EMBEDDED_FILE, COSName.EMBEDDED_FILES, COSName.getPDFName("RichMedia"),
			COSName.getPDFName("XFA"));

	private final JdbcClient jdbc;

	private final CasePhotos photos;

	private final ObjectStore files;

	private final NominationProperties properties;

	private final Clock clock;

	Evidence(JdbcClient jdbc, CasePhotos photos, ObjectStores stores, NominationProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.photos = photos;
		this.files = stores.area("honor", null);
		this.properties = properties;
		this.clock = clock;
	}

	/** A checked file, ready to store. */
	public record CheckedFile(String kind, String contentType, byte[] bytes, Integer width, Integer height,
			Integer pages) {

		@Override
		public String toString() {
			return "CheckedFile[" + kind + ", " + contentType + ", " + bytes.length + " bytes]";
		}
	}

	/** A stored file as listed to staff. */
	public record Item(long id, String kind, String contentType, int bytes, Integer width, Integer height,
			Integer pages, String caption, String uploadedBy, OffsetDateTime uploadedAt) {

		public boolean photo() {
			return "PHOTO".equals(kind);
		}
	}

	/** A file's bytes. */
	public record Content(String contentType, byte[] bytes) {
	}

	/** The largest upload accepted, in bytes: a document's cap or a photo's, whichever is larger. */
	public long maxUploadBytes() {
		return Math.max(properties.maxDocumentBytes(), photos.maxUploadBytes());
	}

	/** Files one nomination may carry. */
	public int maxFiles() {
		return properties.maxEvidence();
	}

	/**
	 * Checks uploads (empty ones skipped) before anything is stored.
	 *
	 * @throws NominationRefusedException on {@code evidence}: too many, too large, not an image or a clean PDF
	 */
	public List<CheckedFile> check(List<byte[]> uploads) {
		List<byte[]> chosen = uploads == null ? List.of()
				: uploads.stream().filter(u -> u != null && u.length > 0).toList();
		if (chosen.size() > properties.maxEvidence()) {
			throw NominationRefusedException.of(FIELD, "honor.nomination.error.tooManyFiles");
		}
		List<CheckedFile> checked = new ArrayList<>();
		for (byte[] upload : chosen) {
			checked.add(check(upload));
		}
		return checked;
	}

	/** One upload: a PDF by its header, else a photo. */
	public CheckedFile check(byte[] upload) {
		if (startsWith(upload, PDF_HEADER)) {
			if (upload.length > properties.maxDocumentBytes()) {
				throw NominationRefusedException.of(FIELD, "honor.nomination.error.fileTooLarge");
			}
			int pages = pdfPages(upload);
			return new CheckedFile("DOCUMENT", "application/pdf", upload, null, null, pages);
		}
		if (upload.length > photos.maxUploadBytes()) {
			throw NominationRefusedException.of(FIELD, "honor.nomination.error.fileTooLarge");
		}
		try {
			CasePhotos.CheckedPhoto photo = photos.check(upload);
			return new CheckedFile("PHOTO", photo.contentType(), photo.bytes(), photo.width(), photo.height(), null);
		}
		catch (InvalidInputException ex) {
			throw NominationRefusedException.of(FIELD, "honor.nomination.error.fileKind");
		}
	}

	/**
	 * The page count of a PDF that parses, is not encrypted and carries nothing active.
	 *
	 * @throws NominationRefusedException on {@code evidence} otherwise
	 */
	static int pdfPages(byte[] upload) {
		try (PDDocument document = Loader.loadPDF(upload)) {
			if (document.isEncrypted()) {
				throw NominationRefusedException.of(FIELD, "honor.nomination.error.pdfEncrypted");
			}
			if (active(document)) {
				throw NominationRefusedException.of(FIELD, "honor.nomination.error.pdfActive");
			}
			int pages = document.getNumberOfPages();
			if (pages < 1) {
				throw NominationRefusedException.of(FIELD, "honor.nomination.error.pdfBroken");
			}
			return pages;
		}
		catch (InvalidPasswordException ex) {
			throw NominationRefusedException.of(FIELD, "honor.nomination.error.pdfEncrypted");
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof NominationRefusedException refused) {
				throw refused;
			}
			throw NominationRefusedException.of(FIELD, "honor.nomination.error.pdfBroken");
		}
	}

	/** Whether any object of the document names a script, a launch action or an embedded file. */
	private static boolean active(PDDocument document) throws IOException {
		if (document.getDocument().getTrailer() != null && mentions(document.getDocumentCatalog().getCOSObject())) {
			return true;
		}
		for (COSObjectKey key : new ArrayList<>(document.getDocument().getXrefTable().keySet())) {
			COSObject object = document.getDocument().getObjectFromPool(key);
			COSBase base = object == null ? null : object.getObject();
			if (base instanceof COSDictionary dictionary && mentions(dictionary)) {
				return true;
			}
		}
		return false;
	}

	private static boolean mentions(COSDictionary dictionary) {
		for (COSName name : ACTIVE) {
			if (dictionary.containsKey(name) || name.equals(dictionary.getCOSName(COSName.S))
					|| name.equals(dictionary.getCOSName(COSName.TYPE))) {
				return true;
			}
		}
		COSDictionary names = dictionary.getCOSDictionary(COSName.NAMES);
		if (names != null && (names.containsKey(COSName.JAVA_SCRIPT) || names.containsKey(COSName.EMBEDDED_FILES))) {
			return true;
		}
		COSBase open = dictionary.getDictionaryObject(COSName.OPEN_ACTION);
		return open instanceof COSDictionary action && (COSName.JAVA_SCRIPT.equals(action.getCOSName(COSName.S))
				|| LAUNCH.equals(action.getCOSName(COSName.S)));
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stores checked files with a nomination in the caller's transaction: each object first, then its row; the
	 * objects are removed again when the transaction rolls back.
	 *
	 * @return the new rows' ids
	 * @throws NominationRefusedException when the nomination would carry more than the limit
	 */
	List<Long> store(long nominationId, List<CheckedFile> checked, String uploadedBy) {
		if (checked.isEmpty()) {
			return List.of();
		}
		if (count(nominationId) + checked.size() > properties.maxEvidence()) {
			throw NominationRefusedException.of(FIELD, "honor.nomination.error.tooManyFiles");
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		List<Long> ids = new ArrayList<>();
		for (CheckedFile file : checked) {
			String extension = switch (file.contentType()) {
				case "application/pdf" -> ".pdf";
				case "image/png" -> ".png";
				default -> ".jpg";
			};
			String key = "nominations/" + nominationId + "/" + newName() + extension;
			files.put(key, file.bytes());
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						if (status != STATUS_COMMITTED) {
							delete(key);
						}
					}
				});
			}
			ids.add(jdbc.sql("""
					insert into honor_evidence (nomination_id, kind, object_key, content_type, bytes, width, height, pages,
					    uploaded_by, uploaded_at)
					values (:nomination, :kind, :key, :type, :bytes, :width, :height, :pages, :by, :now) returning id""")
					.param("nomination", nominationId).param("kind", file.kind()).param("key", key)
					.param("type", file.contentType()).param("bytes", file.bytes().length)
					.param("width", file.width(), java.sql.Types.INTEGER).param("height", file.height(), java.sql.Types.INTEGER)
					.param("pages", file.pages(), java.sql.Types.INTEGER).param("by", uploadedBy).param("now", now)
					.query(Long.class).single());
		}
		return ids;
	}

	int count(long nominationId) {
		return jdbc.sql("select count(*) from honor_evidence where nomination_id = :id").param("id", nominationId)
				.query(Integer.class).single();
	}

	/** A nomination's files in upload order (for a caller that has checked who may see the nomination). */
	public List<Item> list(long nominationId) {
		return jdbc.sql("""
				select id, kind, content_type, bytes, width, height, pages, caption, uploaded_by, uploaded_at
				from honor_evidence where nomination_id = :id order by id""").param("id", nominationId)
				.query((rs, i) -> new Item(rs.getLong("id"), rs.getString("kind"), rs.getString("content_type"),
						rs.getInt("bytes"), (Integer) rs.getObject("width"), (Integer) rs.getObject("height"),
						(Integer) rs.getObject("pages"), rs.getString("caption"), rs.getString("uploaded_by"),
						rs.getObject("uploaded_at", OffsetDateTime.class)))
				.list();
	}

	/** A file of the nomination, for a caller that has checked who may see it. */
	public Optional<Content> open(long nominationId, long evidenceId) {
		return jdbc.sql("select object_key, content_type from honor_evidence where id = :id and nomination_id = :n")
				.param("id", evidenceId).param("n", nominationId)
				.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) }).optional()
				.flatMap(this::read);
	}

	/**
	 * A photo for anyone, only while it is the portrait of a nomination the public may see (a consented roll
	 * entry or notice entry: the public views hold that condition).
	 */
	public Optional<Content> openPublicPortrait(long evidenceId) {
		return jdbc.sql("""
				select e.object_key, e.content_type from honor_evidence e
				where e.id = :id and e.kind = 'PHOTO'
				  and (exists (select 1 from honor_public_entry p where p.portrait_evidence_id = e.id and p.nomination_id = e.nomination_id)
				    or exists (select 1 from honor_public_shortlist s where s.portrait_evidence_id = e.id and s.nomination_id = e.nomination_id))""")
				.param("id", evidenceId).query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) }).optional()
				.flatMap(this::read);
	}

	private Optional<Content> read(String[] row) {
		return files.get(row[0]).map(in -> {
			try (InputStream stream = in) {
				return new Content(row[1], stream.readAllBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private void delete(String key) {
		try {
			files.delete(key);
		}
		catch (RuntimeException ex) {
			log.warn("Could not remove the unused evidence object {}: {}", key, ex.getClass().getSimpleName());
		}
	}

	private static String newName() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}
}
