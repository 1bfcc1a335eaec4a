package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class LocalObjectStoreTest extends ObjectStoreContract {

	@Override
	ObjectStore store() {
		return new LocalObjectStore(temp.resolve("photos"), Duration.ofSeconds(30));
	}

	@Test
	void theFilesAreWhereTheyAlwaysWereAndNoTempFileStays() throws IOException {
		ObjectStore store = store();
		store.put("3f/3f9a", new byte[] { 1, 2, 3 });
		Path file = temp.resolve("photos/3f/3f9a");
		assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
		assertThat(store.localFile("3f/3f9a")).contains(file.toAbsolutePath().normalize());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("photos"))))
			.isEqualTo("rwx------");
		try (Stream<Path> all = Files.walk(temp)) {
			assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
		}
	}

	@Test
	void aFailingDiskIsAnUnavailableStore() throws IOException {
		// the store's folder is a file: nothing can be written under it
		Path blocked = Files.writeString(temp.resolve("blocked"), "x");
		ObjectStore store = new LocalObjectStore(blocked, Duration.ofSeconds(12));
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.put("a/b", new byte[] { 1 }))
			.isInstanceOfSatisfying(ObjectStoreUnavailableException.class,
					ex -> assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("12"));
	}
}
