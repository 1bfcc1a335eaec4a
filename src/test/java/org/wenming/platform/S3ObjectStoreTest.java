package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wenming.support.S3ProxyServer;

import software.amazon.awssdk.services.s3.S3Client;

/** The contract against S3Proxy, and the outage: a clear "unavailable", then work again without a new client. */
class S3ObjectStoreTest extends ObjectStoreContract {

	static S3Client client;

	@BeforeAll
	static void connect() {
		S3ProxyServer.start();
		client = ObjectStores.client(new StorageProperties.S3(S3ProxyServer.ENDPOINT, "us-east-1", S3ProxyServer.BUCKET,
				"contract", true, S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, Duration.ofSeconds(2),
				Duration.ofSeconds(10)));
	}

	@AfterAll
	static void close() {
		S3ProxyServer.start();
		client.close();
	}

	@Override
	ObjectStore store() {
		return new S3ObjectStore(client, S3ProxyServer.BUCKET, "contract/", Duration.ofSeconds(30));
	}

	@Test
	void objectsGoUnderThePrefixInTheBucket() {
		long before = S3ProxyServer.count("contract/");
		store().put(key("x"), new byte[] { 1 });
		assertThat(S3ProxyServer.count("contract/")).isEqualTo(before + 1);
	}

	@Test
	void aStoreThatIsDownAnswersUnavailableAndRecoversWhenItIsBack() throws Exception {
		ObjectStore store = store();
		String kept = key("kept");
		store.put(kept, "before".getBytes(StandardCharsets.UTF_8));
		S3ProxyServer.stop();
		try {
			String key = key("during");
			for (Runnable call : new Runnable[] { () -> store.put(key, new byte[] { 1 }), () -> store.get(kept),
					() -> store.exists(kept), () -> store.delete(kept) }) {
				long started = System.nanoTime();
				assertThatThrownBy(call::run).isInstanceOfSatisfying(ObjectStoreUnavailableException.class,
						ex -> assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("30"));
				// refused connections are told at once, not after the read timeout
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
			}
		}
		finally {
			S3ProxyServer.start();
		}
		assertThat(new String(read(store, kept), StandardCharsets.UTF_8)).isEqualTo("before");
		String after = key("after");
		store.put(after, new byte[] { 2 });
		assertThat(store.exists(after)).isTrue();
	}

	@Test
	void aWrongSecretIsUnavailableNotASilentSuccess() {
		try (S3Client wrong = ObjectStores.client(new StorageProperties.S3(URI.create(S3ProxyServer.ENDPOINT.toString()),
				"us-east-1", S3ProxyServer.BUCKET, null, true, S3ProxyServer.ACCESS_KEY, "not-the-secret",
				Duration.ofSeconds(2), Duration.ofSeconds(10)))) {
			ObjectStore store = new S3ObjectStore(wrong, S3ProxyServer.BUCKET, "", Duration.ofSeconds(30));
			assertThatThrownBy(() -> store.put(key("x"), new byte[] { 1 }))
				.isInstanceOf(ObjectStoreUnavailableException.class);
		}
	}
}
