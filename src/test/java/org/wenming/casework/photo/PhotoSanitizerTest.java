package org.wenming.casework.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.wenming.casework.photo.TestImages.concat;
import static org.wenming.casework.photo.TestImages.contains;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.wenming.platform.InvalidInputException;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.jpeg.JpegCommentDirectory;

/** The content checks and the re-encoding, without Spring: what comes out holds nothing of what went in but pixels. */
class PhotoSanitizerTest {

	static final PhotoProperties DEFAULTS = new PhotoProperties(DataSize.ofMegabytes(10), 40_000_000, 32, 2560, 0.85f,
			9, 2, null);

	final PhotoSanitizer sanitizer = new PhotoSanitizer(DEFAULTS);

	@Test
	void aJpegWithExifGpsAndACommentComesBackWithNoneOfThemAndUpright() throws Exception {
		byte[] upload = TestImages.jpegWithExif(40, 80, 6, "secret-comment-by-the-camera");
		Metadata before = ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload));
		assertThat(before.getFirstDirectoryOfType(GpsDirectory.class).getGeoLocation()).isNotNull();

		PhotoSanitizer.Clean clean = sanitizer.sanitize(upload);

		assertThat(clean.contentType()).isEqualTo("image/jpeg");
		// orientation 6 (rotate 90° clockwise) applied before the tag was dropped: 40×80 stands as 80×40
		assertThat(clean.width()).isEqualTo(80);
		assertThat(clean.height()).isEqualTo(40);
		Metadata after = ImageMetadataReader.readMetadata(new ByteArrayInputStream(clean.bytes()));
		assertThat(after.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
		assertThat(after.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
		assertThat(after.getFirstDirectoryOfType(JpegCommentDirectory.class)).isNull();
		assertThat(contains(clean.bytes(), "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
		assertThat(contains(clean.bytes(), "secret-comment".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
		assertThat(app1Segments(clean.bytes())).isZero();
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
		assertThat(decoded.getWidth()).isEqualTo(80);
	}

	@Test
	void aPngWithTextChunksComesBackWithoutThemAndKeepsItsTransparency() throws Exception {
		byte[] upload = TestImages.pngWithText(50, 40, true, "Comment", "gps 23.05 112.46 by someone");
		assertThat(contains(upload, "tEXt".getBytes(StandardCharsets.ISO_8859_1))).isTrue();

		PhotoSanitizer.Clean clean = sanitizer.sanitize(upload);

		assertThat(clean.contentType()).isEqualTo("image/png");
		assertThat(contains(clean.bytes(), "tEXt".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
		assertThat(contains(clean.bytes(), "23.05".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean.bytes()));
		assertThat(decoded.getColorModel().hasAlpha()).isTrue();
		assertThat(decoded.getRGB(1, 1) >>> 24).isEqualTo(128);
	}

	@Test
	void anOpaquePngBecomesAJpeg() {
		PhotoSanitizer.Clean clean = sanitizer.sanitize(TestImages.png(64, 64, false));
		assertThat(clean.contentType()).isEqualTo("image/jpeg");
		assertThat(PhotoSanitizer.formatOf(clean.bytes())).isEqualTo(PhotoSanitizer.Format.JPEG);
	}

	@Test
	void webpIsAcceptedAndReEncoded() {
		PhotoSanitizer.Clean lossy = sanitizer.sanitize(TestImages.resource("lossy.webp"));
		assertThat(lossy.contentType()).isEqualTo("image/jpeg");
		assertThat(lossy.width()).isEqualTo(64);
		assertThat(lossy.height()).isEqualTo(48);
		assertThat(PhotoSanitizer.formatOf(lossy.bytes())).isEqualTo(PhotoSanitizer.Format.JPEG);

		PhotoSanitizer.Clean alpha = sanitizer.sanitize(TestImages.resource("alpha.webp"));
		assertThat(alpha.contentType()).isEqualTo("image/png");
		assertThat(PhotoSanitizer.formatOf(alpha.bytes())).isEqualTo(PhotoSanitizer.Format.PNG);
	}

	@Test
	void htmlAndPhpFilesAreRefusedWhateverTheyAreCalled() {
		assertRefused("<html><body><script>alert(document.cookie)</script></body></html>"
				.getBytes(StandardCharsets.UTF_8), "casework.photo.type");
		assertRefused("<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8), "casework.photo.type");
		assertRefused("GIF89a<?php echo 1; ?>".getBytes(StandardCharsets.UTF_8), "casework.photo.type");
		// the right first bytes, then no image at all
		assertRefused(concat(new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0 },
				"<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8)), "casework.photo.corrupt");
	}

	@Test
	void aJpegWithAPhpPayloadAppendedComesBackWithoutThePayload() {
		byte[] payload = "<?php system($_GET['cmd']); ?><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
		PhotoSanitizer.Clean clean = sanitizer.sanitize(concat(TestImages.jpeg(64, 64), payload));
		assertThat(contains(clean.bytes(), "<?php".getBytes(StandardCharsets.UTF_8))).isFalse();
		assertThat(contains(clean.bytes(), "<script".getBytes(StandardCharsets.UTF_8))).isFalse();
		byte[] end = Arrays.copyOfRange(clean.bytes(), clean.bytes().length - 2, clean.bytes().length);
		assertThat(end).containsExactly(0xff, 0xd9);
	}

	@Test
	void truncatedImagesAreRefused() {
		byte[] jpeg = TestImages.jpeg(200, 200);
		assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), "casework.photo.corrupt");
		assertRefused(Arrays.copyOf(jpeg, 20), "casework.photo.corrupt");
		byte[] png = TestImages.png(200, 200, false);
		assertRefused(Arrays.copyOf(png, png.length / 2), "casework.photo.corrupt");
		byte[] webp = TestImages.resource("lossy.webp");
		assertRefused(Arrays.copyOf(webp, webp.length - 40), "casework.photo.corrupt");
	}

	@Test
	void oversizedUploadsAreRefusedBeforeAnythingElse() {
		byte[] big = new byte[(int) DataSize.ofMegabytes(10).toBytes() + 1];
		System.arraycopy(TestImages.jpeg(64, 64), 0, big, 0, 100);
		assertRefused(big, "casework.photo.tooLarge");
		assertRefused(new byte[0], "casework.photo.empty");
		assertRefused(null, "casework.photo.empty");
	}

	@Test
	void aHeaderClaimingAHugeImageIsRefusedWithoutDecodingIt() {
		long start = System.nanoTime();
		// the JDK's PNG reader itself refuses a header over 2^31 pixels; either way nothing is decoded
		assertThatThrownBy(() -> sanitizer.sanitize(TestImages.pngClaiming(100_000, 100_000)))
				.isInstanceOf(InvalidInputException.class).hasMessageStartingWith("casework.photo.");
		assertRefused(TestImages.pngClaiming(20_000, 20_000), "casework.photo.tooManyPixels");
		assertRefused(TestImages.jpegClaimingHuge(), "casework.photo.tooManyPixels");
		// decoding 10^10 pixels would need 40 GB and minutes; reading two headers takes milliseconds
		assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
	}

	@Test
	void tinyImagesAreRefused() {
		assertRefused(TestImages.png(10, 10, false), "casework.photo.tooSmall");
	}

	@Test
	void largePhotosAreScaledDownToTheLongestEdge() {
		PhotoSanitizer.Clean clean = sanitizer.sanitize(TestImages.jpeg(3000, 1000));
		assertThat(clean.width()).isEqualTo(2560);
		assertThat(clean.height()).isBetween(850, 856);
	}

	@Test
	void everyExifOrientationStandsUpright() {
		BufferedImage source = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
		source.setRGB(0, 0, 0xff0000); // the top-left corner, red
		// where the top-left pixel of the stored picture ends up, for orientations 1..8
		int[][] corner = { { 0, 0 }, { 3, 0 }, { 3, 1 }, { 0, 1 }, { 0, 0 }, { 1, 0 }, { 1, 3 }, { 0, 3 } };
		for (int orientation = 1; orientation <= 8; orientation++) {
			BufferedImage upright = PhotoSanitizer.orient(source, orientation);
			assertThat(upright.getWidth()).as("width for %d", orientation).isEqualTo(orientation >= 5 ? 2 : 4);
			int[] at = corner[orientation - 1];
			assertThat(upright.getRGB(at[0], at[1]) & 0xffffff).as("red corner for %d", orientation)
					.isEqualTo(0xff0000);
		}
	}

	private void assertRefused(byte[] upload, String key) {
		assertThatThrownBy(() -> sanitizer.sanitize(upload)).isInstanceOf(InvalidInputException.class)
				.hasMessage(key).extracting(e -> ((InvalidInputException) e).field()).isEqualTo("photo");
	}

	/** APP1 segments (where EXIF and XMP live) before the image data. */
	private static int app1Segments(byte[] jpeg) {
		int count = 0;
		int i = 2;
		while (i + 4 < jpeg.length && (jpeg[i] & 0xff) == 0xff) {
			int marker = jpeg[i + 1] & 0xff;
			if (marker == 0xda) {
				break;
			}
			if (marker == 0xe1) {
				count++;
			}
			i += 2 + ((jpeg[i + 2] & 0xff) << 8 | (jpeg[i + 3] & 0xff));
		}
		return count;
	}
}
