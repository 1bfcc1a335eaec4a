package org.wenming.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files kept outside the database (photos, import uploads, error reports): on the local disk for one
 * machine, in an S3-compatible object store for several nodes ({@link ObjectStores}). Keys are relative
 * paths ({@code 3f/3f9a…}, {@code 17/upload}) within an area a module names ({@code photos}, {@code imports}).
 *
 * <p>A reader sees an object whole or not at all: the local store writes a temp file and moves it,
 * an S3 PUT is atomic. Content streams through; nothing holds a whole object in memory.
 *
 * @throws ObjectStoreUnavailableException from every method when the store cannot be reached (503)
 */
public interface ObjectStore {

	/** Letters, digits, {@code . _ -}, segments separated by {@code /}, never {@code ..}. */
	Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

	/**
	 * Stores the stream under the key, replacing what was there.
	 *
	 * @param length the stream's length in bytes, or -1 when not known (then it is spooled to a temp file first)
	 */
	void put(String key, InputStream content, long length);

	/** Stores a file's content under the key; the file may be moved away (the caller deletes it if still there). */
	default void putFile(String key, Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			put(key, in, Files.size(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file.getFileName(), ex);
		}
	}

	default void put(String key, byte[] bytes) {
		put(key, new java.io.ByteArrayInputStream(bytes), bytes.length);
	}

	/** The object's content, to be closed by the caller; empty when there is no such object. */
	Optional<InputStream> get(String key);

	boolean exists(String key);

	/** Removes the object; nothing happens when there is none. */
	void delete(String key);

	/** The object as a file of the local disk, when the store keeps it so (saves copying an upload before reading it). */
	default Optional<Path> localFile(String key) {
		return Optional.empty();
	}

	static String requireKey(String key) {
		if (key == null || key.length() > 500 || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("not an object key: " + key);
		}
		return key;
	}
}
