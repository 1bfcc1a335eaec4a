package org.wenming.catalogue.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.catalogue.Catalogue;
import org.wenming.catalogue.ScopeTag;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;

/**
 * The catalogue's share of the demo city (order 690, after the honours, before insight): items of real public
 * services (居民身份证换领, 社会保障卡申领, 机动车驾驶证换证, 医保关系转移, 个体工商户登记 …) of the city's and the counties'
 * departments, each with its materials, time limit and fee, tagged so that exactly {@value #CITY_WIDE} carry
 * 同城通办, {@value #FOSHAN_ZHAOQING} 佛肇通办 and {@value #CROSS_PROVINCE} 跨省通办 (the figures the city's paper
 * reported; an item may carry several tags). The same at every scale: a catalogue does not grow with the people.
 */
@Component
class CatalogueDemoPart implements DemoCityPart {

	static final int CITY_WIDE = 346;

	static final int FOSHAN_ZHAOQING = 200;

	static final int CROSS_PROVINCE = 109;

	/** Items in all: 0..345 同城通办, 150..349 佛肇通办, 291..399 跨省通办; every item holds at least one tag. */
	static final int ITEMS = 400;

	/** A real public service: its name, the department, its level, materials, time limit (working days), fee. */
	record Service(String name, String department, String level, String materials, int days, String fee) {
	}

	static final List<Service> SERVICES = List.of(
			new Service("居民身份证换领", "公安局", "COUNTY", "居民户口簿\n原居民身份证\n近期免冠照片（现场采集）", 20, "20元"),
			new Service("居民身份证补领", "公安局", "COUNTY", "居民户口簿\n近期免冠照片（现场采集）", 20, "40元"),
			new Service("临时居民身份证办理", "公安局", "COUNTY", "居民户口簿\n近期免冠照片", 1, "10元"),
			new Service("户口迁移（市内）", "公安局", "COUNTY", "居民户口簿\n居民身份证\n房屋产权证明或租赁合同", 5, "免费"),
			new Service("出生登记", "公安局", "COUNTY", "出生医学证明\n父母居民户口簿\n父母居民身份证\n结婚证", 3, "免费"),
			new Service("居住证申领", "公安局", "TOWN", "居民身份证\n居住登记凭证\n近期免冠照片", 10, "免费"),
			new Service("无犯罪记录证明开具", "公安局", "COUNTY", "居民身份证\n用途说明", 3, "免费"),
			new Service("出入境证件申领（普通护照）", "公安局", "CITY", "居民身份证\n近期免冠照片（现场采集）", 7, "120元"),
			new Service("往来港澳通行证签注", "公安局", "CITY", "居民身份证\n往来港澳通行证", 7, "15元"),
			new Service("机动车驾驶证换证", "公安局交通警察支队", "CITY", "居民身份证\n机动车驾驶证\n身体条件证明", 1, "10元"),
			new Service("机动车驾驶证补领", "公安局交通警察支队", "CITY", "居民身份证\n近期免冠照片", 1, "10元"),
			new Service("机动车检验合格标志核发", "公安局交通警察支队", "CITY", "机动车行驶证\n交强险凭证\n机动车安全技术检验报告", 1, "免费"),
			new Service("机动车转移登记", "公安局交通警察支队", "CITY", "机动车登记证书\n机动车行驶证\n买卖双方身份证明\n车辆购置发票", 1, "按规定收费"),
			new Service("社会保障卡申领", "人力资源和社会保障局", "COUNTY", "居民身份证\n近期免冠照片", 10, "免费"),
			new Service("社会保障卡挂失与补换", "人力资源和社会保障局", "COUNTY", "居民身份证\n原社会保障卡（换领时）", 10, "免费"),
			new Service("养老保险关系转移接续", "人力资源和社会保障局", "CITY", "居民身份证\n参保缴费凭证\n转移接续申请表", 15, "免费"),
			new Service("失业保险金申领", "人力资源和社会保障局", "COUNTY", "居民身份证\n社会保障卡\n解除劳动关系证明", 5, "免费"),
			new Service("就业创业证申领", "人力资源和社会保障局", "TOWN", "居民身份证\n近期免冠照片", 5, "免费"),
			new Service("职业资格证书补发", "人力资源和社会保障局", "CITY", "居民身份证\n原证书复印件或证明", 20, "免费"),
			new Service("个人权益记录查询打印", "人力资源和社会保障局", "TOWN", "居民身份证或社会保障卡", 0, "免费"),
			new Service("医保关系转移", "医疗保障局", "COUNTY", "居民身份证\n社会保障卡\n基本医疗保险参保凭证", 15, "免费"),
			new Service("异地就医备案", "医疗保障局", "COUNTY", "居民身份证\n社会保障卡\n异地就医备案表", 1, "免费"),
			new Service("城乡居民基本医疗保险参保登记", "医疗保障局", "TOWN", "居民身份证\n居民户口簿", 1, "免费"),
			new Service("门诊特定病种待遇认定", "医疗保障局", "COUNTY", "居民身份证\n社会保障卡\n二级以上医院诊断证明\n病历资料", 10, "免费"),
			new Service("医疗费用手工（零星）报销", "医疗保障局", "COUNTY", "居民身份证\n社会保障卡\n医疗费用发票\n费用明细清单\n出院小结", 20, "免费"),
			new Service("个体工商户登记", "市场监督管理局", "COUNTY", "经营者居民身份证\n经营场所使用证明\n个体工商户登记申请书", 3, "免费"),
			new Service("个体工商户变更登记", "市场监督管理局", "COUNTY", "经营者居民身份证\n营业执照\n变更登记申请书", 3, "免费"),
			new Service("企业设立登记", "市场监督管理局", "COUNTY", "公司登记申请书\n公司章程\n股东身份证明\n住所使用证明\n法定代表人任职文件", 1, "免费"),
			new Service("企业注销登记", "市场监督管理局", "COUNTY", "注销登记申请书\n清算报告\n营业执照正副本", 3, "免费"),
			new Service("食品经营许可", "市场监督管理局", "COUNTY", "食品经营许可申请书\n营业执照\n经营场所平面图\n食品安全管理制度", 10, "免费"),
			new Service("增值税发票领用", "税务局", "COUNTY", "经办人居民身份证\n营业执照\n发票领用簿", 1, "免费"),
			new Service("个人所得税综合所得汇算清缴", "税务局", "COUNTY", "居民身份证\n收入及扣除凭证", 1, "免费"),
			new Service("税务登记信息变更", "税务局", "COUNTY", "营业执照\n变更登记表\n经办人居民身份证", 1, "免费"),
			new Service("完税证明开具", "税务局", "COUNTY", "居民身份证", 0, "免费"),
			new Service("结婚登记", "民政局", "COUNTY", "双方居民户口簿\n双方居民身份证\n近期半身免冠合影照片", 0, "免费"),
			new Service("离婚登记", "民政局", "COUNTY", "双方居民户口簿\n双方居民身份证\n结婚证\n离婚协议书", 30, "免费"),
			new Service("婚姻登记档案查询", "民政局", "COUNTY", "居民身份证\n查询申请", 1, "免费"),
			new Service("最低生活保障申请", "民政局", "TOWN", "居民身份证\n居民户口簿\n家庭收入和财产申报材料", 30, "免费"),
			new Service("高龄津贴申领", "民政局", "TOWN", "居民身份证\n居民户口簿\n银行账户", 20, "免费"),
			new Service("残疾人两项补贴申领", "民政局", "TOWN", "居民身份证\n残疾人证\n银行账户", 20, "免费"),
			new Service("不动产登记资料查询", "不动产登记中心", "COUNTY", "居民身份证\n查询申请书", 0, "免费"),
			new Service("不动产转移登记", "不动产登记中心", "COUNTY", "不动产权证书\n买卖合同\n双方身份证明\n完税凭证", 5, "80元"),
			new Service("不动产抵押登记", "不动产登记中心", "COUNTY", "不动产权证书\n主债权合同\n抵押合同\n双方身份证明", 5, "80元"),
			new Service("住房公积金提取", "住房公积金管理中心", "CITY", "居民身份证\n提取申请\n购房合同或租赁证明", 3, "免费"),
			new Service("住房公积金异地转移接续", "住房公积金管理中心", "CITY", "居民身份证\n转移接续申请", 15, "免费"),
			new Service("住房公积金缴存证明", "住房公积金管理中心", "CITY", "居民身份证", 0, "免费"),
			new Service("出生医学证明补发", "卫生健康局", "COUNTY", "父母居民身份证\n分娩机构证明\n补发申请", 20, "免费"),
			new Service("生育登记", "卫生健康局", "TOWN", "夫妻双方居民身份证\n结婚证", 1, "免费"),
			new Service("学生学籍转学", "教育局", "COUNTY", "学生居民户口簿\n转学申请\n转入学校接收证明", 10, "免费"),
			new Service("教师资格认定", "教育局", "COUNTY", "居民身份证\n学历证书\n普通话水平测试等级证书\n体检结论", 30, "免费"));

	private final JdbcClient jdbc;

	CatalogueDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 690;
	}

	@Override
	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from catalogue_item)").query(Boolean.class).single();
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("lock table catalogue_item in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		CityGeography city = run.get(CityGeography.class);
		run.step("catalogue: government-service items", () -> items(run, city));
	}

	/** The scope tags of the {@code i}th item: the counts come out exactly 346 / 200 / 109. */
	static List<String> tags(int i) {
		List<String> tags = new ArrayList<>();
		if (i < CITY_WIDE) {
			tags.add(ScopeTag.CITY_WIDE.name());
		}
		if (i >= 150 && i < 150 + FOSHAN_ZHAOQING) {
			tags.add(ScopeTag.FOSHAN_ZHAOQING.name());
		}
		if (i >= ITEMS - CROSS_PROVINCE) {
			tags.add(ScopeTag.CROSS_PROVINCE.name());
		}
		return tags;
	}

	private void items(DemoCityRun run, CityGeography city) {
		long t0 = System.nanoTime();
		// the offering regions: the city, then each county
		List<String[]> regions = new ArrayList<>();
		regions.add(new String[] { city.cityCode(), city.cityPath(), city.cityName() });
		city.counties().forEach(c -> regions.add(new String[] { c.code(), c.path(), c.name() }));
		String cityCode = city.cityCode().substring(0, 4);
		for (int i = 0; i < ITEMS; i++) {
			Service s = SERVICES.get(i % SERVICES.size());
			String[] region = regions.get((i / SERVICES.size()) % regions.size());
			String level = region[0].length() <= 4 && !s.level().equals("CITY") ? "CITY" : s.level();
			String code = String.format("%s-%04d", cityCode, i + 1);
			String department = (region[0].equals(city.cityCode()) ? city.cityName() : region[2]) + s.department();
			List<String> tags = tags(i);
			List<String> partners = new ArrayList<>();
			if (tags.contains(ScopeTag.FOSHAN_ZHAOQING.name())) {
				partners.add("佛山市");
			}
			if (tags.contains(ScopeTag.CROSS_PROVINCE.name())) {
				partners.addAll(List.of("广西壮族自治区", "湖南省", "江西省"));
			}
			String howToApply = "到" + region[2] + "政务服务中心" + s.department() + "窗口办理，或通过广东政务服务网、粤省事网上申办";
			jdbc.sql("""
					insert into catalogue_item (city_code, code, name, department, level, region_code, region_path,
					    how_to_apply, online_link, materials, time_limit_days, fee, scopes, partners, search_tokens, updated_by)
					values (:cityCode, :code, :name, :department, :level, :regionCode, :regionPath, :how, :link, :materials,
					    :days, :fee, string_to_array(:scopes, chr(31)), string_to_array(:partners, chr(31)),
					    string_to_array(:tokens, chr(31)), :by)""")
				.param("cityCode", cityCode).param("code", code).param("name", s.name()).param("department", department)
				.param("level", level).param("regionCode", region[0]).param("regionPath", region[1]).param("how", howToApply)
				.param("link", "https://www.gdzwfw.gov.cn/").param("materials", s.materials()).param("days", s.days())
				.param("fee", s.fee()).param("scopes", Catalogue.joined(tags)).param("partners", Catalogue.joined(partners))
				.param("tokens", Catalogue.joined(Catalogue.tokens(s.name(), department, s.materials(), code)))
				.param("by", DemoScenario.ACTOR).update();
			run.digest(("catalogue:" + code + ":" + s.name() + ":" + region[0] + ":" + tags).getBytes(StandardCharsets.UTF_8));
		}
		run.counted("catalogue_item", ITEMS, t0);
	}
}
