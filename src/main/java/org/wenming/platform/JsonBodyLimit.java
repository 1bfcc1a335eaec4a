package org.wenming.platform;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the request bodies of the JSON API at {@code wenming.api.max-json-body-size}: a declared
 * length over the cap is refused with 413 before a byte is read; a streamed body (no
 * Content-Length) is read up to the cap and refused as soon as it passes it, so no client makes the
 * server hold more than the cap. Forms and multipart uploads keep their own limits.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
@EnableConfigurationProperties(ApiProperties.class)
class JsonBodyLimit extends OncePerRequestFilter {

	private final long limit;

	JsonBodyLimit(ApiProperties properties) {
		this.limit = properties.maxJsonBodySize().toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!ProblemResponses.isApi(request.getRequestURI().substring(request.getContextPath().length()))) {
			return true;
		}
		String type = request.getContentType();
		String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
		return lower.startsWith("multipart/") || lower.startsWith("application/x-www-form-urlencoded");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			tooLarge(response);
			return;
		}
		if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
			// Tomcat delivers no more than the declared length; without either header there is no body
			chain.doFilter(request, response);
			return;
		}
		byte[] body;
		try {
			body = readUpTo(request.getInputStream(), limit);
		}
		catch (IOException malformed) {
			// a broken chunked encoding, or the client went away: nothing to hand on
			if (!response.isCommitted()) {
				ProblemResponses.write(response, 400, "Bad Request", "The request body could not be read");
			}
			return;
		}
		if (body == null) {
			tooLarge(response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	/** The body, or null as soon as it is longer than {@code max} bytes. */
	private static byte[] readUpTo(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		for (int n; (n = in.read(buffer)) != -1;) {
			total += n;
			if (total > max) {
				return null;
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		ProblemResponses.write(response, 413, "Content Too Large",
				"The request body is larger than " + limit + " bytes");
	}

	/** The request with its streamed body already read (within the cap). */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		private final ServletInputStream stream;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
			this.stream = stream(new ByteArrayInputStream(body));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			return stream;
		}

		private static ServletInputStream stream(ByteArrayInputStream in) {
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				/** The body is already in memory: an asynchronous reader is told at once that all of it is there. */
				@Override
				public void setReadListener(ReadListener listener) {
					try {
						if (in.available() > 0) {
							listener.onDataAvailable();
						}
						listener.onAllDataRead();
					}
					catch (java.io.IOException | RuntimeException ex) {
						listener.onError(ex);
					}
				}
			};
		}

		@Override
		public BufferedReader getReader() {
			Charset charset = StandardCharsets.UTF_8;
			try {
				if (getCharacterEncoding() != null) {
					charset = Charset.forName(getCharacterEncoding());
				}
			}
			catch (IllegalArgumentException unknown) {
				// an unknown charset name: read as UTF-8, and the JSON parser refuses what is not
			}
			return new BufferedReader(new InputStreamReader(stream, charset));
		}
	}
}
