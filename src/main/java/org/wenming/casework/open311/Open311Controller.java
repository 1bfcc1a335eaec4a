package org.wenming.casework.open311;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.wenming.casework.open311.GeoReport.Format;
import org.wenming.platform.DatabaseOutages;
import org.wenming.platform.OutageProperties;

/**
 * Open311 GeoReport v2 at {@code /open311/v2}: every resource in {@code .xml} and {@code .json},
 * open to anyone without a session (POST needs an api_key); errors are GeoReport error lists with
 * 400, 403, 404 or 429, in the format the path asked for. Parameters are read by
 * {@link GeoReportParameters}, {@link RequestQuery} and {@link ServiceRequestForm}, the work is
 * {@link Open311Desk}'s, the documents {@link GeoReportDocuments}'.
 */
@Controller
@RequestMapping("/open311/v2")
class Open311Controller {

	private static final Logger log = LoggerFactory.getLogger(Open311Controller.class);

	private final Open311Desk desk;

	private final GeoReportDocuments documents;

	private final Open311Properties properties;

	private final OutageProperties outage;

	Open311Controller(Open311Desk desk, GeoReportDocuments documents, Open311Properties properties,
			OutageProperties outage) {
		this.outage = outage;
		this.desk = desk;
		this.documents = documents;
		this.properties = properties;
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/discovery.{format}")
	void discovery(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Format f = start(format, GeoReportParameters.of(request));
		String base = request.getScheme() + "://" + request.getServerName()
				+ (isDefaultPort(request) ? "" : ":" + request.getServerPort()) + request.getContextPath() + "/open311/v2";
		send(response, f, 200);
		GeoReport.writeObject(f, "discovery", documents.discovery(base), response.getOutputStream());
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/services.{format}")
	void services(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		Format f = start(format, GeoReportParameters.of(request));
		sendList(response, f, 200, "services", "service", documents.services(desk.categories()));
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/services/{code}.{format}")
	void service(@PathVariable String code, @PathVariable String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Format f = start(format, GeoReportParameters.of(request));
		Map<String, Object> definition = documents.definition(desk.activeService(code, 404));
		send(response, f, 200);
		GeoReport.writeObject(f, "service_definition", definition, response.getOutputStream());
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/requests.{format}")
	void search(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		GeoReportParameters parameters = GeoReportParameters.of(request);
		Format f = start(format, parameters);
		sendRequests(response, f, desk.find(RequestQuery.bind(parameters)));
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/requests/{id}.{format}")
	void request(@PathVariable String id, @PathVariable String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Format f = start(format, GeoReportParameters.of(request));
		sendRequests(response, f, desk.request(id));
	}

	@CrossOrigin(origins = "*", allowCredentials = "false")
	@GetMapping("/tokens/{token}.{format}")
	void token(@PathVariable String token, @PathVariable String format, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Format f = start(format, GeoReportParameters.of(request));
		sendList(response, f, 200, "service_requests", "request", documents.token(desk.numberOfToken(token), token));
	}

	@PostMapping("/requests.{format}")
	void create(@PathVariable String format, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		GeoReportParameters parameters = GeoReportParameters.of(request);
		Format f = start(format, parameters);
		GeoReportParameters.requireForm(request);
		ApiKeys.Caller caller = desk.caller(parameters.single("api_key"));
		Open311Desk.Created created = desk.create(ServiceRequestForm.bind(parameters), caller);
		log.info("Open311 request {} created with key {}", created.reported().caseNumber(), caller.prefix());
		sendList(response, f, 201, "service_requests", "request", documents.created(created));
	}

	/** Everything else under /open311: an unknown resource, or a method the resource does not have. */
	@RequestMapping("/**")
	void unknown(HttpServletRequest request) {
		throw Open311Exception.notFound("open311.error.resource");
	}

	@ExceptionHandler(Open311Exception.class)
	void refused(Open311Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		error(request, response, ex.status(), documents.describe(ex), ex.retryAfter());
	}

	/** Whatever else goes wrong is still answered as a GeoReport error, never as an HTML page. */
	@ExceptionHandler(Exception.class)
	void failed(Exception ex, HttpServletRequest request, HttpServletResponse response) throws IOException {
		// an unreadable form body (Tomcat's parameter parser, an oversized or broken multipart body)
		if (ex instanceof org.springframework.web.multipart.MultipartException
				|| ex instanceof org.apache.tomcat.util.http.InvalidParameterException
				|| ex.getCause() instanceof org.apache.tomcat.util.http.InvalidParameterException) {
			error(request, response, 400, documents.text("open311.error.body"));
			return;
		}
		if (DatabaseOutages.isOutage(ex)) {
			// the database is away for a moment: the client may send the same request again
			log.warn("Open311 request answered 503, database unavailable: {}", request.getRequestURI());
			long seconds = outage.retryAfterSeconds();
			error(request, response, 503, documents.text("open311.error.unavailable", seconds), seconds);
			return;
		}
		log.error("Open311 request failed: {}", request.getRequestURI(), ex);
		error(request, response, 500, documents.text("open311.error.internal"));
	}

	private void error(HttpServletRequest request, HttpServletResponse response, int status, String description)
			throws IOException {
		error(request, response, status, description, null);
	}

	private void error(HttpServletRequest request, HttpServletResponse response, int status, String description,
			Long retryAfter) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.reset();
		if (retryAfter != null) {
			response.setHeader("Retry-After", retryAfter.toString());
		}
		Format f = request.getRequestURI().endsWith(".json") ? Format.JSON : Format.XML;
		sendList(response, f, status, "errors", "error", List.of(GeoReport.fields("code", status, "description", description)));
	}

	/** The format asked for (an unknown one is 404, in XML); then the jurisdiction, if one is given. */
	private Format start(String extension, GeoReportParameters parameters) {
		Format f = Format.of(extension);
		if (f == null) {
			throw Open311Exception.notFound("open311.error.format");
		}
		String jurisdiction = parameters.single("jurisdiction_id");
		if (jurisdiction != null && !jurisdiction.strip().equalsIgnoreCase(properties.jurisdictionId())) {
			throw Open311Exception.notFound("open311.error.jurisdiction");
		}
		return f;
	}

	private void sendRequests(HttpServletResponse response, Format f, List<ServiceRequests.Row> rows)
			throws IOException {
		sendList(response, f, 200, "service_requests", "request", documents.requests(rows));
	}

	private static void sendList(HttpServletResponse response, Format format, int status, String root, String item,
			List<Map<String, Object>> items) throws IOException {
		send(response, format, status);
		GeoReport.writeList(format, root, item, items, response.getOutputStream());
	}

	private static void send(HttpServletResponse response, Format format, int status) {
		response.setStatus(status);
		response.setContentType(format.contentType);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
	}

	private static boolean isDefaultPort(HttpServletRequest request) {
		int port = request.getServerPort();
		return port == 80 && "http".equals(request.getScheme()) || port == 443 && "https".equals(request.getScheme());
	}
}
