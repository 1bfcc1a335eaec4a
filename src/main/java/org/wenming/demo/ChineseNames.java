package org.wenming.demo;

import java.util.SplittableRandom;

/**
 * Realistic Chinese names: surnames drawn by their frequency in Guangdong (per mille, rounded from the
 * 2020 census surname tables as commonly cited: 陈 and 李 and 黄 lead, then 张 梁 林 …), given names of
 * one or two characters from lists that differ by gender.
 */
public final class ChineseNames {

	private static final String[] SURNAMES = { "陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "杨", "冯",
			"谢", "周", "叶", "苏", "邓", "蔡", "莫", "朱", "许", "卢", "曾", "钟", "彭", "潘", "王", "赖", "余", "郭", "徐",
			"温", "胡", "廖", "严", "麦", "区", "伍", "欧阳", "邱", "关", "孔", "邝", "司徒", "谭", "袁", "杜", "冼", "龙" };

	/** Per mille, in the order above; the rest of the share is spread evenly. */
	private static final int[] WEIGHTS = { 112, 80, 70, 55, 45, 44, 40, 35, 30, 28, 25, 24, 22, 20, 19, 18, 16, 15,
			14, 14, 13, 12, 12, 12, 11, 10, 10, 10, 9, 9, 8, 8, 8, 7, 7, 6, 6, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3 };

	private static final int[] CUMULATIVE = new int[WEIGHTS.length];

	static {
		int sum = 0;
		for (int i = 0; i < WEIGHTS.length; i++) {
			sum += WEIGHTS[i];
			CUMULATIVE[i] = sum;
		}
	}

	private static final String MALE = "伟强军杰涛斌明辉华建国志勇俊峰浩文超宇鹏锦荣家豪嘉健永德振海平波东亮成祖耀基培坤炜";

	private static final String FEMALE = "芳丽娟敏静燕玲霞婷慧红英美兰凤琳雪欣怡佩珊嘉颖淑秀萍洁晓雯丹倩琪诗韵婉桂妹彩";

	private static final String SHARED = "文嘉子晓一思俊泽安宇晨雨梓锦永志";

	private ChineseNames() {
	}

	public static String surname(SplittableRandom random) {
		int pick = random.nextInt(CUMULATIVE[CUMULATIVE.length - 1]);
		for (int i = 0; i < CUMULATIVE.length; i++) {
			if (pick < CUMULATIVE[i]) {
				return SURNAMES[i];
			}
		}
		return SURNAMES[0];
	}

	public static String name(SplittableRandom random, boolean male) {
		return surname(random) + given(random, male);
	}

	public static String given(SplittableRandom random, boolean male) {
		String chars = male ? MALE : FEMALE;
		StringBuilder name = new StringBuilder();
		if (random.nextInt(100) < 75) {
			// two characters: often a shared first one (嘉, 晓, 梓 …), then a gendered one
			String first = random.nextInt(3) == 0 ? SHARED : chars;
			name.append(first.charAt(random.nextInt(first.length())));
		}
		name.append(chars.charAt(random.nextInt(chars.length())));
		return name.toString();
	}
}
