package org.wenming.complaint.web;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.wenming.complaint.Complaint;
import org.wenming.complaint.ComplaintStatus;
import org.wenming.complaint.OwnComplaint;
import org.wenming.complaint.ServiceRatings;
import org.wenming.platform.FormValues;
import org.wenming.shared.CityTime;

/** What the complaint and rating pages show. */
public final class ComplaintViews {

	private ComplaintViews() {
	}

	/** A moment in the city's time, for {@code ctx.dateTime}. */
	public static ZonedDateTime city(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(CityTime.ZONE);
	}

	/** Staff's list of complaints in their scope, perhaps of one status. */
	public record StaffList(List<Complaint> complaints, ComplaintStatus status, List<ComplaintStatus> statuses,
			boolean saved) {

		public String filter() {
			return status == null ? "" : status.name();
		}
	}

	/** One complaint for staff, with the step form ({@code conflict}: the step was refused for the state). */
	public record Detail(Complaint complaint, FormValues form, boolean saved) {

		public List<String> actions() {
			return switch (complaint.status()) {
				case RECEIVED -> List.of("investigate");
				case INVESTIGATING -> List.of("uphold", "dismiss");
				case UPHELD, DISMISSED -> List.of();
			};
		}
	}

	/** The volunteer's own complaints and ratings ({@code registered} false: not a volunteer). */
	public record Mine(boolean registered, List<OwnComplaint> complaints, ServiceRatings.Summary ratings,
			Long formFor, FormValues form, boolean saved) {

		public FormValues formOf(long id) {
			return formFor != null && formFor == id ? form : FormValues.EMPTY;
		}
	}

	/** A shift's attendees with their ratings and the rating form. */
	public record Ratings(ServiceRatings.ManagedShift shift, List<ServiceRatings.Attendee> attendees, Long formFor,
			FormValues form, boolean saved) {

		public FormValues formOf(long volunteerId) {
			return formFor != null && formFor == volunteerId ? form : FormValues.EMPTY;
		}
	}
}
