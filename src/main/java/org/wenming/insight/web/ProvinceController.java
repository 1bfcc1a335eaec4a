package org.wenming.insight.web;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.insight.ProvinceFigures;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.PageController;
import org.wenming.region.FieldProblem;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;

/**
 * Other cities' figures for the province rank: {@code /admin/insight/province?year=2026}, a form for
 * one city and a CSV upload ({@code city,year,volunteers,hours}), all or nothing.
 */
@Controller
class ProvinceController extends PageController {

	/** A CSV of 2,000 short rows is far below this. */
	static final long FILE_MAX = 1024 * 1024;

	private final ProvinceFigures figures;

	ProvinceController(ProvinceFigures figures) {
		this.figures = figures;
	}

	@GetMapping("/admin/insight/province")
	ModelAndView page(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String year,
			@RequestParam(required = false) String done) {
		return page(user, year(year), new ProvinceFigures.Entry("", year(year) + "", "", ""), Map.of(), List.of(),
				"saved".equals(done) ? "insight.province.saved" : null, HttpStatus.OK);
	}

	@PostMapping("/admin/insight/province")
	ModelAndView save(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String city,
			@RequestParam(required = false) String year, @RequestParam(required = false) String volunteers,
			@RequestParam(required = false) String hours) {
		ProvinceFigures.Entry entry = new ProvinceFigures.Entry(city, year, volunteers, hours);
		List<FieldProblem> problems = figures.save(entry, user);
		if (problems.isEmpty()) {
			return new ModelAndView("redirect:/admin/insight/province?done=saved&year=" + year.strip());
		}
		Map<String, String> errors = new HashMap<>();
		problems.forEach(p -> errors.putIfAbsent(p.field(), p.messageKey()));
		int shown = year != null && year.strip().matches("\\d{4}") ? Integer.parseInt(year.strip()) : thisYear();
		return page(user, shown, entry, errors, List.of(), null, HttpStatus.BAD_REQUEST);
	}

	@PostMapping("/admin/insight/province/import")
	ModelAndView importCsv(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) MultipartFile file)
			throws IOException {
		if (!figures.mayEdit(user)) {
			throw new org.springframework.security.access.AccessDeniedException("province figures are for the city office");
		}
		List<ProvinceFigures.RowProblem> problems;
		if (file == null || file.isEmpty()) {
			problems = List.of(new ProvinceFigures.RowProblem(0, "file", "insight.province.error.noFile"));
		}
		else if (file.getSize() > FILE_MAX) {
			problems = List.of(new ProvinceFigures.RowProblem(0, "file", "insight.province.error.tooLarge"));
		}
		else {
			// checked by content: strict UTF-8 text (an optional BOM), whatever the file is called
			byte[] bytes = file.getBytes();
			int bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
					&& (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
			try {
				String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(java.nio.ByteBuffer.wrap(bytes, bom, bytes.length - bom)).toString();
				problems = text.indexOf('\0') >= 0
						? List.of(new ProvinceFigures.RowProblem(0, "file", "insight.province.error.unreadable"))
						: figures.importCsv(new StringReader(text), user);
			}
			catch (CharacterCodingException ex) {
				problems = List.of(new ProvinceFigures.RowProblem(0, "file", "insight.province.error.unreadable"));
			}
		}
		if (problems.isEmpty()) {
			return new ModelAndView("redirect:/admin/insight/province?done=saved");
		}
		return page(user, thisYear(), new ProvinceFigures.Entry("", thisYear() + "", "", ""), Map.of(), problems, null,
				HttpStatus.BAD_REQUEST);
	}

	private ModelAndView page(ScopedUser user, int year, ProvinceFigures.Entry entry, Map<String, String> errors,
			List<ProvinceFigures.RowProblem> importProblems, String notice, HttpStatus status) {
		Map<String, Object> model = new HashMap<>();
		model.put("view", new ProvinceView(year, figures.lines(year, user), figures.cities(), entry, errors,
				importProblems, notice));
		return new ModelAndView("insight/province", model, status);
	}

	private int year(String text) {
		if (text == null || text.isEmpty()) {
			return thisYear();
		}
		if (!text.matches("\\d{4}") || Integer.parseInt(text) < 2000 || Integer.parseInt(text) > thisYear()) {
			throw new InvalidInputException("year", "insight.error.year");
		}
		return Integer.parseInt(text);
	}

	private static int thisYear() {
		return LocalDate.now(CityTime.ZONE).getYear();
	}
}
