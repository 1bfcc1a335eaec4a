package org.wenming.volunteer;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Valid, unique-enough test data: resident ID numbers with a correct check digit, names, phones. */
public final class TestVolunteers {

	private static final String SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜";

	private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅鑫浩宇轩";

	private TestVolunteers() {
	}

	/** A resident ID issued in the given 6-digit region for someone born on that date. */
	public static String residentId(String region6, LocalDate birth, boolean male) {
		int sequence = ThreadLocalRandom.current().nextInt(0, 500) * 2 + (male ? 1 : 0);
		String first17 = region6 + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
				birth.getDayOfMonth()) + String.format("%03d", sequence);
		return first17 + ResidentIdNumber.checkCode(first17);
	}

	/** A resident ID with a chosen sequence number (000–999; odd: male), for IDs that must never repeat. */
	public static String residentId(String region6, LocalDate birth, int sequence) {
		String first17 = region6 + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(),
				birth.getDayOfMonth()) + String.format("%03d", sequence);
		return first17 + ResidentIdNumber.checkCode(first17);
	}

	/** A random adult's resident ID from the given region: collisions are negligible. */
	public static String residentId(String region6) {
		LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 365 * 50));
		return residentId(region6, birth, ThreadLocalRandom.current().nextBoolean());
	}

	public static String mobile() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(0, 100_000_000));
	}

	/** A three-character Chinese name that is unlikely to repeat within a test run. */
	public static String name() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "" + SURNAMES.charAt(r.nextInt(SURNAMES.length())) + GIVEN.charAt(r.nextInt(GIVEN.length()))
				+ GIVEN.charAt(r.nextInt(GIVEN.length())) + GIVEN.charAt(r.nextInt(GIVEN.length()));
	}

	public static VolunteerDraft draft(String name, String idNumber, String phone, String regionCode) {
		return new VolunteerDraft(name, "RESIDENT_ID", idNumber, phone, null, null, regionCode, List.of("MEDICAL"),
				"周末", null, null, null, null, null, null, "true");
	}
}
