package org.wenming.activity;

import java.util.Arrays;
import java.util.Optional;

/** Themes of a campaign (主题活动): 我们的节日, 文明餐桌, 绿色出行, 文明家风, 全市行动日. */
public enum CampaignTheme {
	FESTIVALS, TABLE_MANNERS, GREEN_TRAVEL, FAMILY_VIRTUES, ACTION_DAY;

	public String messageKey() {
		return "activity.theme." + name();
	}

	public static Optional<CampaignTheme> parse(String text) {
		return Arrays.stream(values()).filter(v -> v.name().equals(text)).findFirst();
	}
}
