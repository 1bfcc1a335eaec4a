package org.wenming.casework.citizen;

import java.util.List;

import org.wenming.platform.FormErrors;
import org.wenming.casework.CaseCategory;
import org.wenming.region.RegionChoice;

/**
 * What the report page shows.
 *
 * @param groups the category tree: each group with its active leaves
 */
public record ReportPage(ReportForm form, FormErrors errors, List<Group> groups, RegionChoice region,
		int maxPhotos, long maxPhotoMegabytes, boolean signedIn) {

	public record Group(CaseCategory group, List<CaseCategory> leaves) {
	}
}
