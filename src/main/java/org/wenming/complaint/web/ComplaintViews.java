package org.wenming.complaint.web;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.wenming.complaint.Complaint;
import org.wenming.complaint.ComplaintStatus;
import org.wenming.complaint.OwnComplaint;
import org.wenming.complaint.ServiceRatings;
import org.wenming.platform.FormErrors;
import org.wenming.shared.CityTime;

/** What the complaint and rating pages show. */
public final class ComplaintViews {

	private ComplaintViews() {
	}

	/** A moment in the city's time, for {@code ctx.dateTime}. */
	public static ZonedDateTime city(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(CityTime.ZONE);
	}

	/** A form's submitted values and the refused fields. */
	public record Form(Map<String, String> values, FormErrors errors) {

		public static final Form EMPTY = new Form(Map.of(), FormErrors.NONE);

		public String value(String field) {
			String value = values.get(field);
			return value == null ? "" : value;
		}

		public boolean is(String field, Object option) {
			return String.valueOf(option).equals(values.get(field));
		}

		public boolean hasError(String field) {
			return errors.has(field);
		}

		public String error(String field) {
			return errors.get(field);
		}

		public String describedBy(String field, String hintId) {
			return errors.describedBy(field, hintId);
		}

		public String invalid(String field) {
			return errors.has(field) ? "true" : null;
		}
	}

	/** Staff's list of complaints in their scope, perhaps of one status. */
	public record StaffList(List<Complaint> complaints, ComplaintStatus status, List<ComplaintStatus> statuses,
			boolean saved) {

		public String filter() {
			return status == null ? "" : status.name();
		}
	}

	/** One complaint for staff, with the step form ({@code conflict}: the step was refused for the state). */
	public record Detail(Complaint complaint, Form form, boolean saved) {

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
			Long formFor, Form form, boolean saved) {

		public Form formOf(long id) {
			return formFor != null && formFor == id ? form : Form.EMPTY;
		}
	}

	/** A shift's attendees with their ratings and the rating form. */
	public record Ratings(ServiceRatings.ManagedShift shift, List<ServiceRatings.Attendee> attendees, Long formFor,
			Form form, boolean saved) {

		public Form formOf(long volunteerId) {
			return formFor != null && formFor == volunteerId ? form : Form.EMPTY;
		}
	}
}
