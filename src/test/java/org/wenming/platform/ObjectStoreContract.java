package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every object store does, run against each ({@link LocalObjectStoreTest}, {@link S3ObjectStoreTest}). */
abstract class ObjectStoreContract {

	@TempDir
	Path temp;

	/** A store whose keys no other test uses. */
	abstract ObjectStore store();

	final String key(String name) {
		return UUID.randomUUID().toString().substring(0, 8) + "/" + name;
	}

	static byte[] read(ObjectStore store, String key) throws IOException {
		try (InputStream in = store.get(key).orElseThrow()) {
			return in.readAllBytes();
		}
	}

	@Test
	void whatIsPutIsGotBackExistsAndIsGoneWhenDeleted() throws IOException {
		ObjectStore store = store();
		String key = key("photo");
		assertThat(store.exists(key)).isFalse();
		assertThat(store.get(key)).isEmpty();
		byte[] bytes = "照片的内容".getBytes(StandardCharsets.UTF_8);
		store.put(key, bytes);
		assertThat(store.exists(key)).isTrue();
		assertThat(read(store, key)).isEqualTo(bytes);
		store.delete(key);
		assertThat(store.exists(key)).isFalse();
		assertThat(store.get(key)).isEmpty();
		// deleting what is not there is no error
		store.delete(key);
	}

	@Test
	void aStreamOfUnknownLengthAndAFileAreStoredWhole() throws Exception {
		ObjectStore store = store();
		byte[] big = new byte[3 * 1024 * 1024 + 17];
		new java.util.Random(7).nextBytes(big);
		String streamed = key("upload");
		store.put(streamed, new ByteArrayInputStream(big), -1);
		assertThat(sha(read(store, streamed))).isEqualTo(sha(big));

		Path file = Files.write(temp.resolve("errors.csv"), big);
		String fromFile = key("errors.csv");
		store.putFile(fromFile, file);
		assertThat(sha(read(store, fromFile))).isEqualTo(sha(big));
	}

	@Test
	void aPutReplacesTheObject() throws IOException {
		ObjectStore store = store();
		String key = key("report");
		store.put(key, "first".getBytes(StandardCharsets.UTF_8));
		store.put(key, "second".getBytes(StandardCharsets.UTF_8));
		assertThat(new String(read(store, key), StandardCharsets.UTF_8)).isEqualTo("second");
	}

	@Test
	void keysOutsideTheAreaOrMalformedAreRefused() {
		ObjectStore store = store();
		for (String bad : Arrays.asList("../escape", "/absolute", "a//b", "", "a/../../b", "a/./b", ".hidden", "a b",
				null)) {
			assertThatThrownBy(() -> store.put(bad, new byte[] { 1 })).as(String.valueOf(bad))
				.isInstanceOf(IllegalArgumentException.class);
			assertThatThrownBy(() -> store.get(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
		}
	}

	/** Readers racing a writer that replaces the object see one whole version or the other, never a mix or a part. */
	@Test
	void aReaderNeverSeesHalfAnObject() throws Exception {
		ObjectStore store = store();
		String key = key("swap");
		int size = 256 * 1024;
		byte[] a = new byte[size];
		byte[] b = new byte[size];
		Arrays.fill(a, (byte) 'A');
		Arrays.fill(b, (byte) 'B');
		store.put(key, a);
		AtomicBoolean writing = new AtomicBoolean(true);
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			Future<?> writer = pool.submit(() -> {
				for (int i = 0; i < 40; i++) {
					store.put(key, i % 2 == 0 ? b : a);
				}
				writing.set(false);
				return null;
			});
			List<Future<Set<Character>>> readers = List.of(pool.submit(() -> reads(store, key, size, writing)),
					pool.submit(() -> reads(store, key, size, writing)));
			writer.get();
			for (Future<Set<Character>> reader : readers) {
				assertThat(reader.get()).isNotEmpty().isSubsetOf('A', 'B');
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static Set<Character> reads(ObjectStore store, String key, int size, AtomicBoolean writing) throws IOException {
		Set<Character> seen = new HashSet<>();
		do {
			byte[] bytes = read(store, key);
			assertThat(bytes).hasSize(size);
			byte first = bytes[0];
			for (byte x : bytes) {
				assertThat(x).isEqualTo(first);
			}
			seen.add((char) first);
		}
		while (writing.get());
		return seen;
	}

	static String sha(byte[] bytes) throws Exception {
		return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}
}
