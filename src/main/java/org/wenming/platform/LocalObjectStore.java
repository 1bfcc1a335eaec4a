package org.wenming.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * Objects as files under one folder, each key a relative path. A write goes to a temp file beside its
 * target and is moved over it, so a reader sees the old file or the new one, never half of one, and a
 * crash leaves at most a stray {@code .upload-*.tmp}. The folder is made on the first write, owner-only,
 * so a start that stores nothing leaves no folder behind.
 */
final class LocalObjectStore implements ObjectStore {

	private final Path root;

	private final Duration retryAfter;

	LocalObjectStore(Path root, Duration retryAfter) {
		this.root = root.toAbsolutePath().normalize();
		this.retryAfter = retryAfter;
	}

	Path root() {
		return root;
	}

	@Override
	public void put(String key, InputStream content, long length) {
		Path file = fileOf(key);
		try {
			Path temp = temp(file);
			try {
				Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
				move(temp, file);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			// a full or failing disk: the same answer as an unreachable store, nothing was stored
			throw new ObjectStoreUnavailableException(retryAfter, ex);
		}
	}

	@Override
	public void putFile(String key, Path source) {
		Path file = fileOf(key);
		try {
			Path temp = temp(file);
			try {
				try {
					// the same disk: the upload is moved, not copied (an import can be hundreds of MB)
					Files.move(source, temp, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				}
				catch (java.nio.file.FileSystemException otherDisk) {
					Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
				}
				move(temp, file);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			throw new ObjectStoreUnavailableException(retryAfter, ex);
		}
	}

	@Override
	public Optional<InputStream> get(String key) {
		try {
			return Optional.of(Files.newInputStream(fileOf(key)));
		}
		catch (NoSuchFileException gone) {
			return Optional.empty();
		}
		catch (IOException ex) {
			throw new ObjectStoreUnavailableException(retryAfter, ex);
		}
	}

	@Override
	public boolean exists(String key) {
		return Files.isRegularFile(fileOf(key));
	}

	@Override
	public void delete(String key) {
		try {
			Files.deleteIfExists(fileOf(key));
		}
		catch (IOException ex) {
			throw new ObjectStoreUnavailableException(retryAfter, ex);
		}
	}

	@Override
	public Optional<Path> localFile(String key) {
		Path file = fileOf(key);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

	private Path fileOf(String key) {
		Path file = root.resolve(ObjectStore.requireKey(key)).normalize();
		if (!file.startsWith(root)) {
			throw new IllegalArgumentException("a key outside the store's folder: " + key);
		}
		return file;
	}

	private Path temp(Path file) throws IOException {
		if (!Files.isDirectory(root)) {
			Files.createDirectories(root);
			try {
				Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
			}
			catch (UnsupportedOperationException notPosix) {
				// Windows: the folder inherits its parent's access rules
			}
		}
		Files.createDirectories(file.getParent());
		return Files.createTempFile(file.getParent(), ".upload-", ".tmp");
	}

	private static void move(Path temp, Path file) throws IOException {
		try {
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
