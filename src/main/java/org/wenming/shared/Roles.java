package org.wenming.shared;

import java.util.List;

/** The roles a person can hold. Names are stable: they are stored and checked in SQL. */
public final class Roles {

	/** 系统管理员 */
	public static final String SYSTEM_ADMIN = "SYSTEM_ADMIN";

	/** 文明办工作人员 (city, county or town civilization office) */
	public static final String OFFICE_STAFF = "OFFICE_STAFF";

	/** 实践阵地管理员 (centre, institute or station) */
	public static final String SITE_ADMIN = "SITE_ADMIN";

	/** 队长 */
	public static final String TEAM_LEADER = "TEAM_LEADER";

	/** 志愿者 */
	public static final String VOLUNTEER = "VOLUNTEER";

	/** 群众 */
	public static final String CITIZEN = "CITIZEN";

	/** 督查员 */
	public static final String INSPECTOR = "INSPECTOR";

	/** 责任单位经办人 */
	public static final String UNIT_HANDLER = "UNIT_HANDLER";

	public static final List<String> ALL = List.of(SYSTEM_ADMIN, OFFICE_STAFF, SITE_ADMIN, TEAM_LEADER, VOLUNTEER,
			CITIZEN, INSPECTOR, UNIT_HANDLER);

	/** Roles whose holders work on records inside their region (as opposed to their own records). */
	public static final List<String> STAFF = List.of(SYSTEM_ADMIN, OFFICE_STAFF, SITE_ADMIN, TEAM_LEADER, INSPECTOR,
			UNIT_HANDLER);

	private Roles() {
	}
}
