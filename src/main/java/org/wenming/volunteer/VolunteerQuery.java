package org.wenming.volunteer;

/**
 * A staff search, already checked: every filter optional; the data scope is added by
 * {@link Volunteers#search}, never taken from here.
 *
 * @param text a name prefix (张), or Latin letters: pinyin initials prefix (zs) or a Latin name prefix
 * @param number a volunteer number, exactly
 * @param phoneLast4 the last four digits of the mobile number
 * @param skill a skill code
 * @param regionCode a region whose subtree to search (inside the scope)
 * @param teamId a team whose current members to search
 * @param status ACTIVE, WITHDRAWN or null for both
 */
public record VolunteerQuery(String text, String number, String phoneLast4, String skill, String regionCode,
		Long teamId, Volunteer.Status status, Sort sort, int page, int size) {

	public static final int SIZE_MAX = 100;

	public enum Sort {
		NAME, NUMBER, REGISTERED;

		public String messageKey() {
			return "volunteer.sort." + name();
		}
	}

	public VolunteerQuery {
		if (page < 0 || size < 1 || size > SIZE_MAX) {
			throw new IllegalArgumentException("page " + page + " size " + size);
		}
		sort = sort == null ? Sort.NAME : sort;
	}

	public int offset() {
		return page * size;
	}
}
