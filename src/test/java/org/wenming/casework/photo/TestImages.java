package org.wenming.casework.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images made for tests: real encodings, with metadata and payloads put in by hand where a test needs them. */
public final class TestImages {

	private TestImages() {
	}

	/** A noisy picture (so its JPEG has real scan data), opaque or half transparent. */
	public static BufferedImage picture(int width, int height, boolean alpha) {
		BufferedImage image = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Random random = new Random(width * 31L + height);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(30, 120, 200, alpha ? 128 : 255));
		g.fillRect(0, 0, width, height / 2);
		g.dispose();
		for (int y = height / 2; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (alpha ? 0x80000000 : 0xff000000) | random.nextInt(0x1000000));
			}
		}
		return image;
	}

	public static byte[] jpeg(int width, int height) {
		return encode(picture(width, height, false), "jpeg");
	}

	public static byte[] png(int width, int height, boolean alpha) {
		return encode(picture(width, height, alpha), "png");
	}

	public static byte[] encode(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A JPEG with an EXIF segment (orientation, GPS position 23°2'48"N 112°28'12"E) and a comment, placed
	 * right after the start-of-image marker as cameras do.
	 */
	public static byte[] jpegWithExif(int width, int height, int orientation, String comment) {
		byte[] jpeg = jpeg(width, height);
		ByteBuffer tiff = ByteBuffer.allocate(140).order(ByteOrder.LITTLE_ENDIAN);
		tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		tiff.putShort((short) 2); // IFD0 at 8
		entry(tiff, 0x0112, 3, 1, orientation); // orientation, SHORT
		entry(tiff, 0x8825, 4, 1, 38); // GPS IFD pointer
		tiff.putInt(0);
		tiff.putShort((short) 4); // GPS IFD at 38
		entry(tiff, 0x0001, 2, 2, 'N');
		entry(tiff, 0x0002, 5, 3, 92);
		entry(tiff, 0x0003, 2, 2, 'E');
		entry(tiff, 0x0004, 5, 3, 116);
		tiff.putInt(0);
		for (int value : new int[] { 23, 2, 48, 112, 28, 12 }) {
			tiff.putInt(value).putInt(1);
		}
		byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(jpeg, 0, 2);
		int app1Length = 2 + exifHeader.length + tiff.capacity();
		out.write(0xff);
		out.write(0xe1);
		out.write(app1Length >> 8);
		out.write(app1Length & 0xff);
		out.writeBytes(exifHeader);
		out.writeBytes(tiff.array());
		byte[] text = comment.getBytes(StandardCharsets.UTF_8);
		out.write(0xff);
		out.write(0xfe);
		out.write((text.length + 2) >> 8);
		out.write((text.length + 2) & 0xff);
		out.writeBytes(text);
		out.write(jpeg, 2, jpeg.length - 2);
		return out.toByteArray();
	}

	private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
		tiff.putShort((short) tag).putShort((short) type).putInt(count);
		if (type == 3) {
			tiff.putShort((short) value).putShort((short) 0);
		}
		else {
			tiff.putInt(value);
		}
	}

	/** A PNG with a {@code tEXt} chunk after its header. */
	public static byte[] pngWithText(int width, int height, boolean alpha, String keyword, String text) {
		byte[] png = png(width, height, alpha);
		byte[] data = (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(png, 0, 33); // signature and IHDR
		out.writeBytes(chunk("tEXt", data));
		out.write(png, 33, png.length - 33);
		return out.toByteArray();
	}

	/** A tiny, valid PNG whose header claims {@code width × height}. */
	public static byte[] pngClaiming(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a });
		out.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8)
				.put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
		out.writeBytes(chunk("IDAT", new byte[] { 0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 }));
		out.writeBytes(chunk("IEND", new byte[0]));
		return out.toByteArray();
	}

	/** A 1×1 JPEG whose frame header is changed to claim {@code 60000 × 60000} pixels. */
	public static byte[] jpegClaimingHuge() {
		byte[] jpeg = jpeg(1, 1);
		for (int i = 2; i + 8 < jpeg.length; i++) {
			if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
				// 60,000 (0xea60): libjpeg's own limit is 65,500 a side
				jpeg[i + 5] = (byte) 0xea;
				jpeg[i + 6] = (byte) 0x60;
				jpeg[i + 7] = (byte) 0xea;
				jpeg[i + 8] = (byte) 0x60;
				return jpeg;
			}
		}
		throw new IllegalStateException("no SOF0 segment");
	}

	private static byte[] chunk(String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
				.putInt((int) crc.getValue()).array();
	}

	public static byte[] resource(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream("/casework/photos/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/** Whether {@code needle} occurs anywhere in {@code bytes}. */
	public static boolean contains(byte[] bytes, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= bytes.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (bytes[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}
}
