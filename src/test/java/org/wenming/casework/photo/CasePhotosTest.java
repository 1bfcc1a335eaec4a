package org.wenming.casework.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;
import org.wenming.support.WenmingTest;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;

/** Storing case photos: a row and a file for each accepted upload, nothing for a refused one, the count limit held. */
@WenmingTest
class CasePhotosTest {

	@Autowired
	CasePhotos photos;

	@Autowired
	Cases cases;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Value("${wenming.db.embedded-directory}/photos")
	Path folder;

	@Test
	void anAcceptedPhotoIsStoredReEncodedAndOpensWithItsType() throws Exception {
		long caseId = newCase();
		byte[] upload = TestImages.jpegWithExif(64, 48, 1, "camera owner's comment");

		StoredPhoto stored = photos.store(caseId, PhotoStage.BEFORE, upload, "citizen");

		assertThat(stored.contentType()).isEqualTo("image/jpeg");
		assertThat(stored.width()).isEqualTo(64);
		assertThat(photos.list(caseId)).containsExactly(stored);
		PhotoContent content = photos.open(stored.id()).orElseThrow();
		assertThat(content.contentType()).isEqualTo("image/jpeg");
		assertThat(content.bytes()).hasSize(stored.byteSize()).isNotEqualTo(upload);
		assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.bytes())))
				.isEqualTo(stored.sha256());
		var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(content.bytes()));
		assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
		assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
		String key = jdbc.sql("select storage_key from case_photo where id = :id").param("id", stored.id())
				.query(String.class).single();
		assertThat(Files.readAllBytes(folder.resolve(key))).isEqualTo(content.bytes());
		assertThat(photos.open(Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void aRefusedUploadLeavesNoRowAndNoFile() throws IOException {
		long caseId = newCase();
		long filesBefore = files();
		for (byte[] bad : List.of("<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8),
				"<?php phpinfo(); ?>".getBytes(StandardCharsets.UTF_8), TestImages.pngClaiming(20_000, 20_000),
				java.util.Arrays.copyOf(TestImages.jpeg(200, 200), 3000))) {
			assertThatThrownBy(() -> photos.store(caseId, PhotoStage.BEFORE, bad, "citizen"))
					.isInstanceOf(InvalidInputException.class)
					.extracting(e -> ((InvalidInputException) e).field()).isEqualTo("photo");
		}
		assertThat(photos.list(caseId)).isEmpty();
		assertThat(files()).isEqualTo(filesBefore);
		assertThatThrownBy(() -> photos.store(Long.MAX_VALUE, PhotoStage.BEFORE, TestImages.jpeg(64, 64), "citizen"))
				.isInstanceOf(RecordNotFound.class);
	}

	@Test
	void aRolledBackTransactionTakesItsPhotoFilesWithIt() throws IOException {
		long caseId = newCase();
		long filesBefore = files();
		CasePhotos.CheckedPhoto checked = photos.check(TestImages.jpeg(64, 64));
		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			photos.store(caseId, PhotoStage.BEFORE, checked, "citizen");
			throw new IllegalStateException("the report failed after its photo");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(photos.list(caseId)).isEmpty();
		assertThat(files()).isEqualTo(filesBefore);
	}

	@Test
	void concurrentUploadsNeverExceedTheLimitPerStage() throws Exception {
		long caseId = newCase();
		int limit = photos.maxPerStage();
		int tries = limit + 5;
		CasePhotos.CheckedPhoto checked = photos.check(TestImages.jpeg(64, 64));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> results = new ArrayList<>();
		try {
			for (int i = 0; i < tries; i++) {
				results.add(pool.submit(() -> {
					start.await();
					try {
						photos.store(caseId, PhotoStage.AFTER, checked, "handler");
						return true;
					}
					catch (InvalidInputException full) {
						assertThat(full.getMessage()).isEqualTo("casework.photo.tooMany");
						return false;
					}
				}));
			}
			start.countDown();
			int stored = 0;
			for (Future<Boolean> result : results) {
				stored += result.get() ? 1 : 0;
			}
			assertThat(stored).isEqualTo(limit);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(photos.list(caseId)).hasSize(limit).allMatch(p -> p.stage() == PhotoStage.AFTER);
		// the other stage has its own allowance
		assertThat(photos.store(caseId, PhotoStage.BEFORE, TestImages.jpeg(64, 64), "citizen").stage())
				.isEqualTo(PhotoStage.BEFORE);
		assertThatThrownBy(() -> photos.store(caseId, PhotoStage.AFTER, TestImages.jpeg(64, 64), "handler"))
				.hasMessage("casework.photo.tooMany");
	}

	private long newCase() {
		return cases.report(new NewCase(CaseSource.CITIZEN, "SANITATION", "照片测试", null, new BigDecimal("23.05"),
				new BigDecimal("112.46"), null, null, null, null, null), "citizen").id();
	}

	private long files() throws IOException {
		if (!Files.exists(folder)) {
			return 0;
		}
		try (Stream<Path> all = Files.walk(folder)) {
			return all.filter(Files::isRegularFile).count();
		}
	}
}
