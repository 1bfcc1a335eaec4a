package org.wenming.newsroom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.shared.ScopedUser;

/**
 * An article's photos: checked and re-encoded by casework's photo rules ({@link CasePhotos#check}: a real
 * JPEG, PNG or WebP within the size limits, metadata dropped), kept in the object store's {@code news} area,
 * served at {@code /news/photos/{id}} — the only image source an article body may use. Public while the
 * article is published.
 */
@Service
public class NewsPhotos {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final CasePhotos photos;

	private final ObjectStore files;

	private final Articles articles;

	private final Clock clock;

	NewsPhotos(JdbcClient jdbc, CasePhotos photos, ObjectStores stores, Articles articles, Clock clock) {
		this.jdbc = jdbc;
		this.photos = photos;
		this.files = stores.area("news", null);
		this.articles = articles;
		this.clock = clock;
	}

	/** A photo's bytes. */
	public record Content(String contentType, byte[] bytes) {
	}

	/**
	 * Adds a photo with its caption and credit (供图).
	 *
	 * @throws NewsRefusedException on {@code photo}, {@code caption} or {@code credit}; nothing stored
	 */
	@Transactional
	public long add(long articleId, byte[] upload, String caption, String credit, ScopedUser user) {
		Article a = articles.findForStaff(articleId, user);
		if (a.status() == ArticleStatus.WITHDRAWN) {
			throw NewsRefusedException.of("status", "newsroom.error.withdrawn");
		}
		if (upload == null || upload.length == 0) {
			throw NewsRefusedException.of("photo", "newsroom.error.required");
		}
		if (caption != null && caption.strip().length() > 300) {
			throw NewsRefusedException.of("caption", "newsroom.error.tooLong");
		}
		if (credit != null && credit.strip().length() > 100) {
			throw NewsRefusedException.of("credit", "newsroom.error.tooLong");
		}
		int count = jdbc.sql("select count(*) from news_photo where article_id = :id").param("id", articleId)
			.query(Integer.class).single();
		if (count >= articles.properties().maxPhotos()) {
			throw NewsRefusedException.of("photo", "newsroom.error.tooManyPhotos");
		}
		CasePhotos.CheckedPhoto photo;
		try {
			photo = photos.check(upload);
		}
		catch (InvalidInputException ex) {
			throw NewsRefusedException.of("photo", "newsroom.error.photo");
		}
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		String key = articleId + "/" + HexFormat.of().formatHex(random);
		long id = jdbc.sql("""
				insert into news_photo (article_id, object_key, content_type, width, height, caption, credit, position,
				    uploaded_by, uploaded_at)
				values (:a, :key, :type, :w, :h, :caption, :credit,
				    (select coalesce(max(position), 0) + 1 from news_photo where article_id = :a), :by, :at) returning id""")
			.param("a", articleId).param("key", key).param("type", photo.contentType()).param("w", photo.width())
			.param("h", photo.height()).param("caption", blankNull(caption)).param("credit", blankNull(credit))
			.param("by", user.username()).param("at", Timestamp.from(Instant.now(clock))).query(Long.class).single();
		files.put(key, photo.bytes());
		return id;
	}

	/** The photo when its article is published (or, for staff in scope, in any status). */
	public Optional<Content> open(long photoId, ScopedUser staff) {
		record Row(String key, String type, String status, String path) {
		}
		Optional<Row> row = jdbc.sql("""
				select p.object_key, p.content_type, a.status, a.region_path from news_photo p
				join news_article a on a.id = p.article_id where p.id = :id""").param("id", photoId)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
		return row.filter(r -> "PUBLISHED".equals(r.status())
				|| (Articles.mayWrite(staff) && staff.scope().covers(r.path())))
			.flatMap(r -> files.get(r.key()).map(in -> new Content(r.type(), read(in))));
	}

	private static byte[] read(InputStream in) {
		try (in) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String blankNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
