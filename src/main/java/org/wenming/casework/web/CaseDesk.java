package org.wenming.casework.web;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.internal.Actor;
import org.wenming.casework.internal.Approvals;
import org.wenming.casework.internal.CaseActions;
import org.wenming.casework.internal.CaseQueries;
import org.wenming.casework.internal.CaseWorkflow;
import org.wenming.casework.internal.ResponsibleUnits;
import org.springframework.web.multipart.MultipartFile;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.StoredPhoto;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;

/** What the casework pages and API share: reading a case the visitor may see, and staff entry. */
@Component
public class CaseDesk {

	final Cases cases;

	final CaseWorkflow workflow;

	final CaseQueries queries;

	final Approvals approvals;

	final ResponsibleUnits units;

	final Regions regions;

	final CasePhotos photos;

	private final ContactSeal seal;

	CaseDesk(Cases cases, CaseWorkflow workflow, CaseQueries queries, Approvals approvals, ResponsibleUnits units,
			Regions regions, ContactSeal seal, CasePhotos photos) {
		this.photos = photos;
		this.cases = cases;
		this.workflow = workflow;
		this.queries = queries;
		this.approvals = approvals;
		this.units = units;
		this.regions = regions;
		this.seal = seal;
	}

	/** The case, if the visitor may see it; otherwise 404 (recorded as a scope violation). */
	CaseView visible(long id, ScopedUser user) {
		CaseView view = cases.find(id).orElseThrow(() -> new OutOfScopeException("case", String.valueOf(id)));
		workflow.requireVisible(view, user);
		return view;
	}

	/** Everything the case page and the API detail show. */
	Detail detail(long id, ScopedUser user) {
		CaseView view = visible(id, user);
		List<Approvals.Approval> list = approvals.of(id);
		Actor actor = workflow.actorFor(view, user);
		List<CaseActions.Action> actions = CaseActions.available(view, actor, queries.fixSubmittedBy(id),
				list.stream().anyMatch(Approvals.Approval::pending));
		String unitName = view.unitId() == null ? null : units.find(view.unitId()).map(ResponsibleUnits.Unit::name).orElse(null);
		List<CaseView> duplicates = actions.contains(CaseActions.Action.MERGE) ? queries.possibleDuplicates(view, user)
				: List.of();
		return new Detail(view, unitName, actions, queries.history(id), list, duplicates, photos.list(id));
	}

	/**
	 * Uploaded files checked by content before any step runs; empty file inputs (nothing chosen) are
	 * skipped. A refused file names the field {@code photo}.
	 */
	List<CasePhotos.CheckedPhoto> check(List<MultipartFile> files) {
		List<MultipartFile> chosen = files == null ? List.of() : files.stream().filter(f -> !f.isEmpty()).toList();
		if (chosen.size() > photos.maxPerStage()) {
			throw new InvalidInputException("photo", "casework.photo.tooMany");
		}
		List<CasePhotos.CheckedPhoto> checked = new java.util.ArrayList<>();
		for (MultipartFile file : chosen) {
			if (file.getSize() > photos.maxUploadBytes()) {
				throw new InvalidInputException("photo", "casework.photo.tooLarge");
			}
			try {
				checked.add(photos.check(file.getBytes()));
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return checked;
	}

	public record Detail(CaseView view, String unitName, List<CaseActions.Action> actions, List<CaseQueries.Event> history,
			List<Approvals.Approval> approvals, List<CaseView> duplicates, List<StoredPhoto> photos) {

		public boolean may(String action) {
			return actions.stream().anyMatch(a -> a.name().equals(action));
		}
	}

	/**
	 * A case entered by staff: a hotline call or a staff report by office staff, a patrol report by an
	 * inspector; always in a region of the enterer's own scope.
	 */
	Cases.Reported enter(String source, String categoryCode, String description, String address, BigDecimal latitude,
			BigDecimal longitude, String regionCode, String reporterName, String reporterContact, ScopedUser user) {
		boolean office = user.hasRole(Roles.SYSTEM_ADMIN) || user.hasRole(Roles.OFFICE_STAFF);
		boolean inspector = user.hasRole(Roles.INSPECTOR);
		if (!office && !inspector) {
			throw new AccessDeniedException("casework entry");
		}
		CaseSource kind = switch (source == null ? "" : source) {
			case "HOTLINE" -> CaseSource.HOTLINE;
			case "STAFF" -> CaseSource.STAFF;
			case "PATROL" -> CaseSource.PATROL;
			default -> throw new InvalidInputException("source", "casework.entry.source");
		};
		if ((kind == CaseSource.PATROL && !inspector) || (kind != CaseSource.PATROL && !office)) {
			throw new InvalidInputException("source", "casework.entry.source");
		}
		if (regionCode == null || regionCode.isBlank()) {
			throw new InvalidInputException("regionCode", "casework.entry.region");
		}
		regions.find(regionCode.strip()).filter(r -> user.scope().covers(r.path()))
				.orElseThrow(() -> new InvalidInputException("regionCode", "casework.entry.region"));
		ContactSeal.SealedContact contact = null;
		if (reporterContact != null && !reporterContact.isBlank()) {
			String digits = reporterContact.replaceAll("[\\s-]", "");
			if (!digits.matches("\\+?\\d{7,15}")) {
				throw new InvalidInputException("reporterContact", "casework.entry.contact");
			}
			contact = seal.seal(Cases.CONTACT_COLUMN, reporterContact);
		}
		// the hotline's caller is not the enterer; a patrol or staff report is the enterer's own
		Long reporter = kind == CaseSource.HOTLINE ? null : user.userId();
		return cases.report(new NewCase(kind, categoryCode, description, address, latitude, longitude,
				regionCode.strip(), reporter, reporterName, contact, null), user.username());
	}

}
