package org.wenming.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.wenming.support.S3ProxyServer;

/**
 * The object store a node configured with {@code wenming.storage.type=S3} uses, on {@link S3ProxyServer}'s
 * bucket under {@code app/}, built by {@link ObjectStores} from the same settings. The end-to-end tests
 * hand its areas to the running application's modules instead of starting a second application
 * context (the suite's PostgreSQL serves every cached context and has no connections to spare).
 */
public final class S3Stores {

	/** The {@code Retry-After} the tests expect while the bucket is down. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(45);

	private static ObjectStores stores;

	private S3Stores() {
	}

	public static synchronized ObjectStore area(String name) {
		S3ProxyServer.start();
		if (stores == null) {
			StorageProperties settings = new StorageProperties(StorageProperties.Type.S3, null, RETRY_AFTER,
					new StorageProperties.S3(S3ProxyServer.ENDPOINT, "us-east-1", S3ProxyServer.BUCKET, "app", true,
							S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, Duration.ofSeconds(2), Duration.ofSeconds(10)));
			stores = new ObjectStores(settings,
					new DatabaseProperties("", "", "", Path.of("target/unused"), 0, false, true, 2, 100));
		}
		return stores.area(name, null);
	}
}
