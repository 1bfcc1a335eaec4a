package org.wenming.platform;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Errors Tomcat answers itself, before any filter or controller runs (a request header over the size
 * limit, a malformed percent-encoding or invalid UTF-8 in the URL, a malformed request line), are a
 * problem document on {@code /api/}, like every other error there, instead of Tomcat's HTML page.
 * Other paths keep Tomcat's page, without the report or the server's version, as Spring Boot sets it.
 */
@Component
class ContainerProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

	@Override
	public void customize(TomcatServletWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			// replaces the valve Spring Boot adds (its customizer runs before this one)
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			host.getPipeline().addValve(new ApiErrorReportValve());
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(ApiErrorReportValve.class.getName());
			}
		});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** Tomcat's error report, as a problem document for the API's paths. */
	static final class ApiErrorReportValve extends ErrorReportValve {

		ApiErrorReportValve() {
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (!ProblemResponses.isApi(request.getRequestURI())) {
				super.report(request, response, throwable);
				return;
			}
			int status = response.getStatus();
			if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			HttpStatus known = HttpStatus.resolve(status);
			try {
				response.setContentType("application/problem+json");
				response.setCharacterEncoding("UTF-8");
				Writer writer = response.getReporter();
				if (writer != null) {
					writer.write(ProblemResponses.json(status, known == null ? "Error" : known.getReasonPhrase(),
							detail(status)));
					response.finishResponse();
				}
			}
			catch (IOException | IllegalStateException ignored) {
				// the client is gone or the response was committed meanwhile: nothing more to say
			}
		}

		private static String detail(int status) {
			return switch (status) {
				case 400 -> "The request line, a header or the percent-encoding of the URL is malformed or too large";
				case 413 -> "The request is too large";
				case 414 -> "The URL is too long";
				case 431 -> "A request header is too large";
				default -> "The server could not handle the request";
			};
		}
	}
}
