package org.wenming.assessment;

/**
 * The kinds of place the city inspects (点位类型), each with its own criteria. The names are the
 * national assessment's; the message key {@code assessment.placeType.NAME} gives them in each language.
 */
public enum PlaceType {

	/** 主次干道 */
	MAIN_ROAD,
	/** 商业大街 */
	COMMERCIAL_STREET,
	/** 背街小巷 */
	BACK_ALLEY,
	/** 居民小区 */
	RESIDENTIAL_COMPOUND,
	/** 集贸市场 */
	MARKET,
	/** 公园广场 */
	PARK_SQUARE,
	/** 公交站点 */
	BUS_STOP,
	/** 医院 */
	HOSPITAL,
	/** 学校周边 */
	SCHOOL_SURROUNDINGS,
	/** 政务服务窗口 */
	SERVICE_WINDOW,
	/** 车站 (railway and coach stations) */
	STATION,
	/** 公共文化设施 (libraries, museums, cultural centres) */
	CULTURAL_FACILITY,
	/** 建筑工地 */
	CONSTRUCTION_SITE,
	/** 新时代文明实践站 */
	PRACTICE_STATION;

	public String messageKey() {
		return "assessment.placeType." + name();
	}
}
