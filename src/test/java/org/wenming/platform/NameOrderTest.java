package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.support.WenmingTest;

/** Names sort by pinyin for zh-CN and English readers and by stroke count for zh-TW readers, in the database. */
@WenmingTest
class NameOrderTest {

	// pinyin: 阿 a, 陈 chen, 丁 ding, 李 li, 王 wang, 一 yi, 张 zhang; strokes of the stored (Simplified)
	// characters: 一 1, 丁 2, 王 4, then 张 李 阿 陈 with 7 each, in ICU's order for equal counts
	private static final List<String> NAMES = List.of("张三", "李四", "王五", "一二", "丁丁", "阿明", "陈红");

	@Autowired
	JdbcClient jdbc;

	@Test
	void simplifiedAndEnglishReadersGetPinyinOrder() {
		assertThat(sorted(NameOrder.of(Languages.SIMPLIFIED_CHINESE)))
				.containsExactly("阿明", "陈红", "丁丁", "李四", "王五", "一二", "张三");
		assertThat(NameOrder.of(Languages.ENGLISH)).isEqualTo(NameOrder.PINYIN);
	}

	@Test
	void traditionalReadersGetStrokeOrder() {
		assertThat(sorted(NameOrder.of(Languages.TRADITIONAL_CHINESE)))
				.containsExactly("一二", "丁丁", "王五", "张三", "李四", "阿明", "陈红");
	}

	private List<String> sorted(NameOrder order) {
		return jdbc.sql("select n from unnest(cast(:names as text[])) n order by n " + order.collate())
				.param("names", NAMES.toArray(String[]::new)).query(String.class).list();
	}
}
