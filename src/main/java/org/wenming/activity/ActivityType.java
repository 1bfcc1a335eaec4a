package org.wenming.activity;

/** The kinds of activity the practice network runs. */
public enum ActivityType {

	/** 志愿服务 */
	SERVICE,
	/** 宣讲, with its "六进" setting and lecture team */
	LECTURE,
	/** 便民集市 */
	MARKET,
	/** 课程 (calligraphy, intangible heritage, ...) */
	COURSE,
	/** 主题活动 (我们的节日, 文明餐桌, 绿色出行, 文明家风, 全市行动日) */
	CAMPAIGN;

	public String messageKey() {
		return "activity.type." + name();
	}
}
