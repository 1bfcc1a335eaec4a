package org.wenming.region.web;

import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.PageController;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Regions;

/**
 * The region picker's fragment: forms embed {@code region/picker.jte}, and each change of a
 * drop-down asks here (htmx) for the picker one level deeper. The division tree is public, so
 * anyone may ask; only the shape of the parameters is checked.
 */
@Controller
class RegionPickerController extends PageController {

	private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");

	private static final Pattern CODE = Pattern.compile("\\d{2,12}");

	private final Regions regions;

	RegionPickerController(Regions regions) {
		this.regions = regions;
	}

	@GetMapping("/regions/picker")
	ModelAndView picker(@RequestParam String field, @RequestParam String root,
			@RequestParam(required = false) String code, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "false") boolean required,
			@RequestParam(defaultValue = "false") boolean rootAllowed) {
		if (!FIELD.matcher(field).matches()) {
			throw new InvalidInputException("field", "must be a form field name");
		}
		if (!CODE.matcher(root).matches() || regions.find(root).isEmpty()) {
			throw new InvalidInputException("root", "is not a known region");
		}
		if (code != null && !code.isEmpty() && !CODE.matcher(code).matches()) {
			throw new InvalidInputException("code", "must be a region code");
		}
		if (label.length() > 50) {
			throw new InvalidInputException("label", "is too long");
		}
		return new ModelAndView("region/picker",
				Map.of("choice", regions.choice(field, root, code, rootAllowed), "label", label, "required", required));
	}
}
