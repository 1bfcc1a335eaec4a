package org.wenming.support;

import java.net.URI;
import java.time.Duration;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3-compatible server in the test JVM (S3Proxy over jclouds' in-memory {@code transient} store),
 * on a port of the storage tests' own, with the bucket {@value #BUCKET}. {@link #stop()} takes it off
 * the network as an outage would; {@link #start()} brings it back with every object it held.
 */
public final class S3ProxyServer {

	public static final int PORT = 18201;

	public static final String BUCKET = "wenming";

	public static final String ACCESS_KEY = "wenming-test";

	public static final String SECRET_KEY = "wenming-test-secret";

	public static final URI ENDPOINT = URI.create("http://127.0.0.1:" + PORT);

	private static BlobStore blobs;

	private static S3Proxy proxy;

	private S3ProxyServer() {
	}

	/** Starts the server unless it runs; the objects stay across stops. */
	public static synchronized void start() {
		if (proxy != null) {
			return;
		}
		if (blobs == null) {
			BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
				.build(BlobStoreContext.class);
			blobs = context.getBlobStore();
			blobs.createContainerInLocation(null, BUCKET);
		}
		S3Proxy server = S3Proxy.builder().blobStore(blobs).endpoint(ENDPOINT)
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
		try {
			server.start();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!AbstractLifeCycle.STARTED.equals(server.getState())) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("S3Proxy did not start: " + server.getState());
				}
				Thread.sleep(20);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start S3Proxy on port " + PORT, ex);
		}
		proxy = server;
	}

	/** The outage: the port refuses connections until {@link #start()}. */
	public static synchronized void stop() {
		if (proxy == null) {
			return;
		}
		try {
			proxy.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot stop S3Proxy", ex);
		}
		proxy = null;
	}

	/** How many objects the bucket holds under a prefix (what a test can count without the application). */
	public static synchronized long count(String prefix) {
		return blobs.list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.prefix(prefix).recursive())
			.size();
	}
}
