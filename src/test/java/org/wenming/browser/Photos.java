package org.wenming.browser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/** Real image files on disk, for a file input to be given as a person's photo would be. */
final class Photos {

	private static final Path FOLDER = Path.of("target", "browser-files");

	private Photos() {
	}

	static Path jpeg(String name) {
		return write(name, "jpg");
	}

	static Path png(String name) {
		return write(name, "png");
	}

	private static Path write(String name, String format) {
		BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0x87ceeb));
		g.fillRect(0, 0, 320, 240);
		g.setColor(Color.DARK_GRAY);
		g.fillRect(150, 20, 20, 220);
		g.setColor(Color.BLACK);
		g.drawArc(20, 40, 280, 160, 200, 140);
		g.dispose();
		try {
			Files.createDirectories(FOLDER);
			Path file = FOLDER.resolve(name + "." + format).toAbsolutePath();
			ImageIO.write(image, format.equals("jpg") ? "jpeg" : format, file.toFile());
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
