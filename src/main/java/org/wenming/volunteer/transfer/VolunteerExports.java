package org.wenming.volunteer.transfer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Skill;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.VolunteerQuery;
import org.wenming.volunteer.Volunteers;

/**
 * Export of the volunteers a search finds in the caller's scope (导出), as CSV or XLSX, streamed to
 * the response row by row from a database cursor. Personal numbers leave only masked; emergency
 * and guardian contacts and birth dates are not exported. Every export is recorded (who, filter,
 * how many rows), also one that broke off.
 */
@Service
public class VolunteerExports {

	public static final Set<String> EXPORTING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	public enum Format {
		CSV, XLSX
	}

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

	private final Volunteers volunteers;

	private final JdbcClient jdbc;

	private final MessageSource messages;

	private final Clock clock;

	VolunteerExports(Volunteers volunteers, JdbcClient jdbc, MessageSource messages, Clock clock) {
		this.volunteers = volunteers;
		this.jdbc = jdbc;
		this.messages = messages;
		this.clock = clock;
	}

	public static boolean mayExport(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(EXPORTING_ROLES::contains);
	}

	/**
	 * Writes the file; returns the number of volunteers written.
	 *
	 * @param filter the query's filters as text for the export record (no personal numbers: the search has none)
	 */
	public long export(VolunteerQuery query, String filter, Format format, ScopedUser user, Locale locale,
			OutputStream out) throws IOException {
		if (!mayExport(user)) {
			throw new AccessDeniedException("needs one of " + EXPORTING_ROLES);
		}
		Map<String, Skill> skills = volunteers.skills().stream().collect(Collectors.toMap(Skill::code, Function.identity()));
		List<String> header = header(locale);
		long[] written = { 0 };
		try {
			if (format == Format.CSV) {
				BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
				writer.write('\uFEFF'); // so that Excel reads the file as UTF-8
				CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
				printer.printRecord(header);
				volunteers.forEachFound(query, user, v -> {
					try {
						printer.printRecord(row(v, skills, locale).stream().map(SpreadsheetText::cell).toList());
						written[0]++;
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
				printer.flush();
			}
			else {
				Workbook workbook = new Workbook(out, "Wenming", "1.0");
				Worksheet sheet = workbook.newWorksheet(t("volunteer.export.sheet", locale));
				for (int c = 0; c < header.size(); c++) {
					sheet.value(0, c, header.get(c));
				}
				volunteers.forEachFound(query, user, v -> {
					List<String> cells = row(v, skills, locale);
					int r = (int) ++written[0];
					for (int c = 0; c < cells.size(); c++) {
						// inline strings: a shared-strings table would hold every distinct value in memory
						sheet.inlineString(r, c, cells.get(c));
					}
					if (r % 1000 == 0) {
						try {
							sheet.flush();
						}
						catch (IOException ex) {
							throw new UncheckedIOException(ex);
						}
					}
				});
				workbook.finish();
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		finally {
			record(user, format, filter, written[0]);
		}
		return written[0];
	}

	private void record(ScopedUser user, Format format, String filter, long rows) {
		jdbc.sql("""
				insert into volunteer_export (occurred_at, actor_user_id, actor_username, actor_region_path, format,
				    filter, row_count)
				values (:now, :userId, :username, :path, :format, :filter, :rows)""")
				.param("now", OffsetDateTime.now(clock)).param("userId", user.userId())
				.param("username", user.username()).param("path", user.scope().path()).param("format", format.name())
				.param("filter", filter.length() > 500 ? filter.substring(0, 500) : filter)
				.param("rows", (int) Math.min(rows, Integer.MAX_VALUE)).update();
	}

	private List<String> header(Locale locale) {
		List<String> header = new ArrayList<>();
		for (String key : List.of("volunteer.number", "volunteer.realName", "volunteer.idType", "volunteer.idNumber",
				"volunteer.phone", "volunteer.gender", "volunteer.regionCode", "volunteer.region", "volunteer.skills",
				"volunteer.availability", "volunteer.status", "volunteer.export.registeredAt")) {
			header.add(t(key, locale));
		}
		return header;
	}

	private List<String> row(Volunteer v, Map<String, Skill> skills, Locale locale) {
		return List.of(v.volunteerNumber(), v.realName(), t(v.idType().messageKey(), locale), v.idNumberMasked(),
				v.phoneMasked(), t(v.gender().messageKey(), locale), v.regionCode(), v.regionName(),
				v.skills().stream().map(code -> skills.containsKey(code) ? skills.get(code).name(locale) : code)
						.collect(Collectors.joining(";")),
				v.availability() == null ? "" : v.availability(), t(v.status().messageKey(), locale),
				v.createdAt().atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).format(DAY));
	}

	private String t(String key, Locale locale) {
		return messages.getMessage(key, null, key, locale);
	}
}
