import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes an import file of N valid, clearly synthetic volunteers spread over Zhaoqing's villages
 * (region codes from src/main/resources/regions/villages.csv, cityCode 4412), deterministic (seed
 * 4412). Resident IDs carry the village's county, a birth date from 1950 to 2007 and a sequence from
 * the reserved block 900–999, with a valid GB 11643 check code; each (county, date, sequence) is used
 * once. Mobiles are 199 + the row number. Usage: java bench/GenerateVolunteers.java 800000 > file.csv
 */
public class GenerateVolunteers {

	static final String SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜梁罗黄谢邓叶";

	static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫浩宇轩嘉俊晓燕志文";

	static final String[] SKILLS = { "", "医疗救护", "法律咨询", "教育辅导;文艺表演", "助老助残", "环境保护;应急救援" };

	public static void main(String[] args) throws IOException {
		int n = Integer.parseInt(args[0]);
		List<String> villages = new ArrayList<>();
		for (String line : Files.readAllLines(Path.of("src/main/resources/regions/villages.csv"))) {
			String[] cells = line.split(",");
			if (cells.length == 6 && cells[4].equals("4412")) {
				villages.add(cells[0]);
			}
		}
		SplittableRandom random = new SplittableRandom(4412);
		LocalDate first = LocalDate.of(1950, 1, 1);
		int days = (int) (LocalDate.of(2007, 12, 31).toEpochDay() - first.toEpochDay());
		BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
		out.write("姓名,证件类型,证件号码,手机号码,性别,出生日期,所属地区代码,技能,服务时间,紧急联系人,紧急联系电话,"
				+ "监护人姓名,监护人关系,监护人电话,监护人同意,同意隐私政策版本\n");
		for (int i = 0; i < n; i++) {
			String village = villages.get(random.nextInt(villages.size()));
			// unique per row: the date and the sequence come from the row number, the county from the village
			int day = (int) ((i * 7919L) % days);
			int sequence = 900 + (i / days) % 100;
			LocalDate birth = first.plusDays(day);
			String first17 = village.substring(0, 6) + String.format("%04d%02d%02d%03d", birth.getYear(),
					birth.getMonthValue(), birth.getDayOfMonth(), sequence);
			String id = first17 + checkCode(first17);
			String name = "" + SURNAMES.charAt(random.nextInt(SURNAMES.length()))
					+ GIVEN.charAt(random.nextInt(GIVEN.length()))
					+ (random.nextBoolean() ? "" + GIVEN.charAt(random.nextInt(GIVEN.length())) : "");
			out.write(name + ",居民身份证," + id + "," + String.format("199%08d", i) + ",,," + village + ","
					+ SKILLS[random.nextInt(SKILLS.length)] + ",周末,,,,,,,2026-01\n");
		}
		out.flush();
	}

	static char checkCode(String first17) {
		int[] weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += (first17.charAt(i) - '0') * weights[i];
		}
		return "10X98765432".charAt(sum % 11);
	}
}
