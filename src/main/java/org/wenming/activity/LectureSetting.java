package org.wenming.activity;

import java.util.Arrays;
import java.util.Optional;

/** Where a lecture (宣讲) goes, the "六进": 进企业, 进农村, 进机关, 进校园, 进社区, 进网络. */
public enum LectureSetting {
	ENTERPRISE, VILLAGE, GOVERNMENT, CAMPUS, COMMUNITY, ONLINE;

	public String messageKey() {
		return "activity.setting." + name();
	}

	public static Optional<LectureSetting> parse(String text) {
		return Arrays.stream(values()).filter(v -> v.name().equals(text)).findFirst();
	}
}
