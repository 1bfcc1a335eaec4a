package org.wenming.casework.photo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.wenming.platform.InvalidInputException;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Turns an upload into a clean image: the type is told by the leading bytes, the size by the header
 * (before any pixel is decoded, so a small file declaring a huge image costs nothing), then the whole
 * image is decoded and a new file is written from its pixels alone. Nothing of the upload's bytes
 * survives: no EXIF (GPS), no ICC profile or comments, nothing appended after the image's end.
 */
final class PhotoSanitizer {

	static final String FIELD = "photo";

	/** What came in, by its leading bytes. */
	enum Format {
		JPEG("jpeg"), PNG("png"), WEBP("webp");

		final String readerName;

		Format(String readerName) {
			this.readerName = readerName;
		}
	}

	/** A re-encoded image. */
	record Clean(byte[] bytes, String contentType, int width, int height) {
	}

	private final PhotoProperties limits;

	PhotoSanitizer(PhotoProperties limits) {
		this.limits = limits;
	}

	Clean sanitize(byte[] upload) {
		if (upload == null || upload.length == 0) {
			throw refused("casework.photo.empty");
		}
		if (upload.length > limits.maxUploadSize().toBytes()) {
			throw refused("casework.photo.tooLarge");
		}
		Format format = formatOf(upload);
		if (format == null) {
			throw refused("casework.photo.type");
		}
		if (format == Format.PNG && !endsWithIend(upload)) {
			// the JDK's PNG reader stops at the last image chunk and never notices a missing end
			throw refused("casework.photo.corrupt");
		}
		if (format == Format.WEBP && riffLength(upload) > upload.length) {
			throw refused("casework.photo.corrupt");
		}
		BufferedImage decoded = decode(upload, format);
		BufferedImage upright = orient(decoded, orientationOf(upload));
		BufferedImage scaled = scaleDown(upright);
		boolean alpha = scaled.getColorModel().hasAlpha();
		BufferedImage normal = redraw(scaled, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		return alpha ? new Clean(encode(normal, "png", null), "image/png", normal.getWidth(), normal.getHeight())
				: new Clean(encode(normal, "jpeg", limits.jpegQuality()), "image/jpeg", normal.getWidth(),
						normal.getHeight());
	}

	static Format formatOf(byte[] b) {
		if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
			return Format.JPEG;
		}
		if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0d
				&& b[5] == 0x0a && b[6] == 0x1a && b[7] == 0x0a) {
			return Format.PNG;
		}
		if (b.length >= 16 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
				&& b[10] == 'B' && b[11] == 'P') {
			return Format.WEBP;
		}
		return null;
	}

	private static boolean endsWithIend(byte[] b) {
		// anything may follow IEND (it is dropped with the rest), but an IEND chunk must be there
		for (int i = 8; i + 8 <= b.length; i++) {
			if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D' && (b[i + 4] & 0xff) == 0xae
					&& (b[i + 5] & 0xff) == 0x42 && (b[i + 6] & 0xff) == 0x60 && (b[i + 7] & 0xff) == 0x82) {
				return true;
			}
		}
		return false;
	}

	private static long riffLength(byte[] b) {
		long declared = (b[4] & 0xffL) | (b[5] & 0xffL) << 8 | (b[6] & 0xffL) << 16 | (b[7] & 0xffL) << 24;
		return declared + 8;
	}

	private BufferedImage decode(byte[] upload, Format format) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName);
		if (!readers.hasNext()) {
			throw new IllegalStateException("no ImageIO reader for " + format);
		}
		ImageReader reader = readers.next();
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if ((long) width * height > limits.maxPixels()) {
				throw refused("casework.photo.tooManyPixels");
			}
			if (width < limits.minEdge() || height < limits.minEdge()) {
				throw refused("casework.photo.tooSmall");
			}
			// a warning from the decoder (a JPEG ending early, a corrupt segment) means a damaged image
			boolean[] warned = new boolean[1];
			reader.addIIOReadWarningListener(new IIOReadWarningListener() {
				@Override
				public void warningOccurred(ImageReader source, String warning) {
					warned[0] = true;
				}
			});
			ImageReadParam param = reader.getDefaultReadParam();
			// a large photo is read every n-th pixel: the whole stream is still decoded, in a fraction of the memory
			int step = Math.max(1, Math.max(width, height) / limits.maxEdge());
			if (step > 1) {
				param.setSourceSubsampling(step, step, 0, 0);
			}
			BufferedImage image = reader.read(0, param);
			if (warned[0] || image == null) {
				throw refused("casework.photo.corrupt");
			}
			return image;
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof InvalidInputException refusal) {
				throw refusal;
			}
			// a reader's IllegalArgumentException, IndexOutOfBounds... on hostile bytes is a bad upload, not a fault
			throw refused("casework.photo.corrupt");
		}
		finally {
			reader.dispose();
		}
	}

	/** EXIF orientation 1-8, or 1 when there is none or it cannot be read. */
	private static int orientationOf(byte[] upload) {
		try {
			Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(upload), upload.length);
			ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
			if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
				int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
				return value >= 1 && value <= 8 ? value : 1;
			}
		}
		catch (Exception | StackOverflowError unreadable) {
			// the picture decoded; only its orientation hint is damaged, so it is shown as stored
		}
		return 1;
	}

	/** Applies an EXIF orientation, so the picture stands upright once the tag is gone. */
	static BufferedImage orient(BufferedImage image, int orientation) {
		if (orientation <= 1) {
			return image;
		}
		int w = image.getWidth();
		int h = image.getHeight();
		boolean swap = orientation >= 5;
		AffineTransform t = new AffineTransform();
		switch (orientation) {
			case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
			case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
			case 4 -> { t.translate(0, h); t.scale(1, -1); }
			case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
			case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
			case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
			default -> { return image; }
		}
		BufferedImage target = new BufferedImage(swap ? h : w, swap ? w : h,
				image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = target.createGraphics();
		try {
			g.drawImage(image, t, null);
		}
		finally {
			g.dispose();
		}
		return target;
	}

	private BufferedImage scaleDown(BufferedImage image) {
		int longest = Math.max(image.getWidth(), image.getHeight());
		if (longest <= limits.maxEdge()) {
			return image;
		}
		double factor = (double) limits.maxEdge() / longest;
		int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
		int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
		BufferedImage target = new BufferedImage(w, h,
				image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		Graphics2D g = target.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			g.drawImage(image, 0, 0, w, h, null);
		}
		finally {
			g.dispose();
		}
		return target;
	}

	/** The pixels alone in a plain RGB or ARGB raster: drops indexed, 16-bit, grey and odd colour models. */
	private static BufferedImage redraw(BufferedImage image, int type) {
		if (image.getType() == type) {
			return image;
		}
		BufferedImage target = new BufferedImage(image.getWidth(), image.getHeight(), type);
		Graphics2D g = target.createGraphics();
		try {
			g.drawImage(image, 0, 0, null);
		}
		finally {
			g.dispose();
		}
		return target;
	}

	private static byte[] encode(BufferedImage image, String format, Float quality) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (quality != null) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(quality);
			}
			// no metadata given: the JPEG writer adds only its JFIF header, the PNG writer only IHDR/IDAT/IEND
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot encode a decoded image", ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static InvalidInputException refused(String key) {
		return new InvalidInputException(FIELD, key);
	}
}
