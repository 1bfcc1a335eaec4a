package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * What Tomcat refuses itself, before a filter or controller runs, and the body cap, over a real port
 * (MockMvc does not go through Tomcat): on {@code /api/} a problem document, on pages an HTML page.
 * Raw requests over a socket, so that nothing between the test and the server tidies them up. The
 * same context as {@link ErrorPagesTest}, so the suite starts no extra server for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ErrorPagesTest.Failing.class)
class ContainerProblemsTest {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anOversizedHeaderOnTheApiIsAProblemDocument() throws Exception {
		long scans = scans();
		Answer answer = send("POST /api/v1/checkins HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Idempotency-Key: " + "k".repeat(10 * 1024) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
		assertThat(answer.status()).isEqualTo(400);
		assertProblem(answer, 400);
		assertThat(scans()).isEqualTo(scans);
	}

	@Test
	void aMalformedPercentEncodingOnTheApiIsAProblemDocument() throws Exception {
		Answer answer = send("GET /api/v1/regions/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertProblem(answer, 400);
	}

	@Test
	void invalidUtf8InTheApiPathIsAProblemDocument() throws Exception {
		Answer answer = send("GET /api/v1/regions/%C3%28 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertProblem(answer, 400);
	}

	@Test
	void aBrowserOnTheApiStillGetsAProblemDocument() throws Exception {
		Answer answer = send("GET /api/v1/regions/4412/nothing/here HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(404);
		assertProblem(answer, 404);
	}

	@Test
	void pagesKeepTheirHtmlErrorPage() throws Exception {
		Answer answer = send("GET /sites/%zz HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("content-type")).startsWith("text/html");
		Answer header = send("GET /sites HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "k".repeat(10 * 1024)
				+ "\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
		assertThat(header.status()).isEqualTo(400);
		assertThat(header.header("content-type")).startsWith("text/html");
	}

	@Test
	void aBodyOverTheCapIsRefusedWith413BeforeItIsRead() throws Exception {
		long scans = scans();
		byte[] body = ("{\"token\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
		Answer declared = send(("POST /api/v1/checkins HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
		assertProblem(declared, 413);
		assertThat(scans()).isEqualTo(scans);
	}

	@Test
	void aStreamedBodyOverTheCapIsRefusedWith413() throws Exception {
		long scans = scans();
		ByteArrayOutputStream chunked = new ByteArrayOutputStream();
		byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
		chunked.write("6\r\n{\"a\":\"\r\n".getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < 32; i++) {
			chunked.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunked.write(chunk);
			chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		chunked.write("2\r\n\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		Answer answer = send(("POST /api/v1/checkins HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
				chunked.toByteArray());
		assertProblem(answer, 413);
		assertThat(scans()).isEqualTo(scans);
	}

	@Test
	void aStreamedBodyWithinTheCapReachesTheApplication() throws Exception {
		// not signed in: the request gets as far as the security filters, which answer 401
		byte[] body = "{\"token\":\"abc\",\"action\":\"IN\"}".getBytes(StandardCharsets.US_ASCII);
		Answer answer = send(("POST /api/v1/checkins HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
				(Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.US_ASCII) + "\r\n0\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
		assertThat(answer.status()).isIn(401, 403);
	}

	private long scans() {
		return jdbc.sql("select count(*) from check_request").query(Long.class).single();
	}

	private static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.header("content-type")).startsWith("application/problem+json");
		assertThat(answer.body()).contains("\"status\":" + status).doesNotContain("<html", "Tomcat", "Exception");
	}

	private Answer send(String request) throws IOException {
		return send(request.getBytes(StandardCharsets.UTF_8), new byte[0]);
	}

	private Answer send(byte[] head, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(head);
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException refusedEarly) {
				// the server answered and closed before taking the whole body; its answer is still there
			}
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream read = new ByteArrayOutputStream();
			try {
				in.transferTo(read);
			}
			catch (IOException reset) {
				// a reset after the answer arrived
			}
			return Answer.parse(read.toString(StandardCharsets.UTF_8));
		}
	}

	record Answer(int status, String headers, String body) {

		static Answer parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			assertThat(end).as("an HTTP answer: %s", raw).isPositive();
			String head = raw.substring(0, end);
			return new Answer(Integer.parseInt(head.substring(9, 12)), head, raw.substring(end + 4));
		}

		String header(String name) {
			for (String line : headers.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
					return line.substring(colon + 1).trim();
				}
			}
			return "";
		}
	}
}
