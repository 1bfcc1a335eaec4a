package org.wenming.casework.citizen;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.Cases;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoContent;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;

/** What the follow link and "my reports" share: the progress page, the rating and the photos. */
@Component
class ProgressPages {

	private final CaseProgress progress;

	private final CasePhotos photos;

	private final Cases cases;

	ProgressPages(CaseProgress progress, CasePhotos photos, Cases cases) {
		this.progress = progress;
		this.photos = photos;
		this.cases = cases;
	}

	ModelAndView page(Progress shown, String base, String followUrl, boolean justRated) {
		return page(shown, base, followUrl, FormErrors.none(), "", "", justRated, HttpStatus.OK);
	}

	ModelAndView page(Progress shown, String base, String followUrl, FormErrors errors, String rating,
			String comment, boolean justRated, HttpStatus status) {
		ModelAndView page = new ModelAndView("casework/citizen/follow", Map.of("view",
				new FollowPage(shown, categories(), base, followUrl, errors, rating, comment, justRated)), status);
		return page;
	}

	/** Rates, then shows the page again: refused ratings with the error next to the field. */
	ModelAndView rate(Progress shown, String base, String rating, String comment, String ratedBy,
			java.util.function.Supplier<Progress> reload) {
		try {
			progress.rate(shown.id(), rating, comment, ratedBy);
			return null;
		}
		catch (InvalidInputException ex) {
			FormErrors errors = FormErrors.none();
			errors.add(ex.field(), ex.getMessage());
			boolean badValue = ex.getMessage().endsWith(".range") || ex.getMessage().endsWith(".commentLength");
			return page(reload.get(), base, null, errors, rating == null ? "" : rating,
					comment == null ? "" : comment, false, badValue ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
		}
	}

	/**
	 * A photo of the case, through the application only: its stored type, never sniffed, shown inline,
	 * cached by the browser alone.
	 */
	ResponseEntity<byte[]> photo(Progress shown, long photoId) {
		PhotoContent content = photos.open(photoId).filter(p -> p.photo().caseId() == shown.id())
				.orElseThrow(RecordNotFound::new);
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
				.header("X-Content-Type-Options", "nosniff")
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
						.filename("photo-" + photoId + (content.contentType().equals("image/png") ? ".png" : ".jpg"))
						.build().toString())
				.cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS).cachePrivate())
				.body(content.bytes());
	}

	private Map<String, CaseCategory> categories() {
		Map<String, CaseCategory> byCode = new HashMap<>();
		cases.categories().forEach(c -> byCode.put(c.code(), c));
		return byCode;
	}
}
