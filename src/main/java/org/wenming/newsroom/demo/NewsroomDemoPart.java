package org.wenming.newsroom.demo;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.newsroom.BodySanitizer;
import org.wenming.region.CityGeography;

/**
 * The newsroom's share of the demo city (order 680, after the honours): the city paper's domain on the link
 * allowlist, and 26 published articles written for this project about the city's volunteer service, the 三线
 * (power, telecom and cable-TV lines) rectification, 身边好人 and the 新时代文明实践中心's activities — bylines
 * and an editor on each, reviewed by another person. One of them is a reprint record of the city paper
 * (西江日报): title, source, author and link only, its body a two-line summary of ours, nothing copied. Tens of
 * rows: plain inserts; the digest takes titles, never generated ids.
 */
@Component
class NewsroomDemoPart implements DemoCityPart {

	static final String PAPER_DOMAIN = "www.xjrb.com";

	/** An article: title, lead, two paragraphs, tags, the county (index, -1 the city) it is about. */
	record Story(String title, String lead, String first, String second, String tags, int county) {
	}

	static final List<Story> STORIES = List.of(
			new Story("老城区三线整治完工 街巷告别“蜘蛛网”", "历时五个月，老城区二十六条街巷的电力、通信、广电线缆完成入地或归并。",
					"施工队伍分段夜间作业，尽量不打扰居民和商户。社区志愿者提前逐户告知停电停网时间，并帮助行动不便的老人临时转移。",
					"整治后，街巷上空清爽了，消防通道也更宽敞。居民说，晾衣服再也不用担心挂到乱线上。", "三线整治、城市管理", 0),
			new Story("三线整治进村 志愿者当起“协调员”", "在三线整治的村级试点中，村里的党员志愿者帮助运营商和村民沟通线路走向。",
					"一条线路要经过谁家墙面、在哪里立杆，过去常常谈不拢。今年村里请来熟悉情况的老党员，先开坐谈会再施工。",
					"试点村的线缆已全部规整，村民自发组建护线小组，发现松脱及时报告。", "三线整治、乡村振兴", 1),
			new Story("一条小巷的变化：三线整治后的回访", "整治完成三个月后，记者回到巷子里，听居民讲这段时间的变化。",
					"巷口的早餐店老板说，以前下雨天最怕电线打火花，现在心里踏实了。",
					"社区还利用整治后腾出的墙面，请美术志愿者画上了文明创建的宣传画。", "三线整治、回访", 0),
			new Story("新时代文明实践中心开讲“家门口的课堂”", "市新时代文明实践中心本月起每周六开设面向居民的公益课堂。",
					"第一堂课讲的是家庭急救常识，由医院的志愿者医生现场示范心肺复苏。",
					"课堂内容由居民点单，下一期将讲防范电信诈骗。", "文明实践、新时代文明实践中心", -1),
			new Story("实践站里的“四点半课堂”", "放学后到家长下班前的空档，实践站的志愿者陪孩子们写作业、读绘本。",
					"志愿者多是退休教师和大学生，每天轮流值班。",
					"家长们在群里说，有了这个课堂，接孩子的时间不用那么赶了。", "文明实践、未成年人", 2),
			new Story("便民集市开到村口 义诊义剪家电维修一条龙", "圩日里，实践中心门前摆开了十几个志愿服务摊位。",
					"量血压、剪头发、修电饭煲、问法律，村民排起了长队。",
					"组织者说，便民集市每月一次，摊位由各支志愿服务队轮流承担。", "文明实践、便民服务", 3),
			new Story("身边好人：二十年义务修车的老周", "老周在小区门口摆了二十年修车摊，给老人和学生修车从不收钱。",
					"他说，修车是手艺，帮人是本分。工具箱里常年备着打气筒，谁来都能用。",
					"今年，老周被街坊们推荐为“身边好人”。", "身边好人、志愿服务", 0),
			new Story("身边好人：深夜跳河救人的外卖小哥", "夜里十一点，送餐路过河边的小伙子听到呼救，毫不犹豫跳进河里。",
					"落水的老人被救上岸后，小伙子把手机里的订单一一打电话解释，才继续送餐。",
					"他说，当时没想太多，换了谁都会这样做。", "身边好人、见义勇为", 1),
			new Story("身边好人：照顾瘫痪婆婆十五年", "十五年里，她每天为瘫痪在床的婆婆翻身、擦洗、喂饭。",
					"邻居说，婆婆的床单总是干干净净，屋里没有一点异味。",
					"她说，一家人就该互相照顾，没什么特别的。", "身边好人、孝老爱亲", 2),
			new Story("身边好人：捡到钱包等失主三小时", "环卫工人清扫时捡到一个装有现金和证件的钱包，在原地等了三个小时。",
					"失主赶来时要拿钱感谢，被她婉拒了。",
					"她说，丢了证件的人肯定着急，等一等是应该的。", "身边好人、诚实守信", 3),
			new Story("志愿服务大擂台开赛 三十支队伍同台比拼", "一年一度的志愿服务大擂台本周开赛，三十支队伍带来各自的服务项目。",
					"评委从服务需求、持续时间、群众评价等方面打分。",
					"决赛将在下月举行，优秀项目将获得市级资助。", "志愿服务、品牌项目", -1),
			new Story("长者饭堂助餐行动满一年", "一年来，志愿者为独居和高龄老人送餐上门超过一万份。",
					"送餐时，志愿者会顺便看看老人的身体和家里的用电用气安全。",
					"不少老人说，每天最盼的就是送餐志愿者来敲门。", "志愿服务、养老", 0),
			new Story("护河志愿行：周末的河岸清洁日", "每个周末，护河志愿者沿河巡查、捡拾垃圾、劝导垂钓者带走钓线。",
					"队伍里有中学生，也有七十多岁的老人。",
					"队长说，河水一年比一年清，来散步的人也越来越多。", "志愿服务、生态环保", 4),
			new Story("文明实践大讲堂走进工业园区", "百姓宣讲团把大讲堂搬进了工业园区的职工食堂。",
					"宣讲员用身边的故事讲劳动安全、讲家风家教，午饭时间座无虚席。",
					"园区工会表示，今后每季度都会请宣讲团来。", "文明实践、宣讲", 5),
			new Story("志愿者注册人数突破新高", "全市注册志愿者人数再创新高，青年和退休人员是两支主力军。",
					"市文明办介绍，注册后可以在线报名活动、记录服务时长、领取服务证明。",
					"下一步将推动更多社区和单位成立志愿服务队。", "志愿服务、数据", -1),
			new Story("文明交通劝导岗：路口的红马甲", "早晚高峰，路口的文明交通劝导志愿者提醒行人和非机动车遵守信号灯。",
					"一位志愿者说，站得久了腿会酸，但看到大家排队过马路，觉得值得。",
					"劝导岗由各单位志愿服务队轮流值守。", "文明交通、志愿服务", 0),
			new Story("农村人居环境整治：从“一处美”到“一片美”", "村里组织志愿者和村民一起清理房前屋后，建起了小菜园、小果园。",
					"村民说，以前房前堆杂物，现在种上了花和菜。",
					"下一步，村里将把整治经验推广到邻近几个自然村。", "人居环境、乡村振兴", 6),
			new Story("社区“微心愿”认领活动圆满完成", "社区征集的八十个困难群众微心愿，两周内全部被爱心单位和个人认领。",
					"心愿有的是一台电风扇，有的是一套学习用品，有的只是有人陪着聊聊天。",
					"社区说，下一批微心愿征集将在年底开始。", "志愿服务、关爱", 1),
			new Story("无偿献血志愿者：我们是一支“热血”队伍", "献血志愿服务队成立五年，队员累计献血超过二十万毫升。",
					"队员们还在献血点做引导、讲解，帮助初次献血的市民消除紧张。",
					"队长说，献血不只是献一次，而是养成一个习惯。", "志愿服务、无偿献血", 2),
			new Story("“文明餐桌”行动：光盘从我做起", "文明餐桌行动在全市餐饮门店推开，门店提供小份菜和打包服务。",
					"志愿者在餐馆门口发放倡议书，提醒按需点餐。",
					"不少门店说，小份菜推出后，剩菜明显少了。", "文明餐桌、移风易俗", -1),
			new Story("移风易俗：村里的红白理事会", "村红白理事会为婚丧事定下标准，倡导简办新办。",
					"理事会成员都是村里有威望的老人，谁家办事都会先来商量。",
					"村民说，不用再比排场，负担轻了，邻里关系也更和睦了。", "移风易俗、乡村振兴", 3),
			new Story("全民阅读：实践站里的“流动书架”", "实践站把图书分装成流动书架，每月轮换到各村和社区。",
					"阅读志愿者定期组织亲子共读和读书分享会。",
					"一位家长说，孩子现在周末最喜欢去的地方就是书架前。", "全民阅读、文明实践", 4),
			new Story("应急志愿服务队参加防汛演练", "汛期来临前，应急志愿服务队与相关部门一起开展防汛演练。",
					"队员们练习了沙袋封堵、人员转移和简易救护。",
					"队长说，平时多练一次，关键时刻就能快一分。", "应急志愿服务、防汛", 5),
			new Story("“好人榜”发布 十位身边好人上榜", "本季度好人榜发布，十位来自各行各业的身边好人上榜。",
					"他们中有坚守岗位的乡村医生，有热心助人的退休职工，也有诚实守信的个体商户。",
					"上榜好人将享受体检、公交等礼遇帮扶。", "身边好人、好人榜", -1),
			new Story("三线整治“回头看”：整治成果要长效保持", "三线整治完成后，城市管理部门开展“回头看”，防止乱拉乱挂反弹。",
					"检查发现个别新装宽带又出现飞线，已通知运营商限期整改。",
					"城市管理部门表示，将建立运营商联络机制，群众发现乱拉线可通过随手拍反映。", "三线整治、城市管理", 0));

	private final JdbcClient jdbc;

	NewsroomDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 680;
	}

	@Override
	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from news_article)").query(Boolean.class).single();
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("lock table news_article, news_article_version, news_link_domain in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		CityGeography city = run.get(CityGeography.class);
		run.step("newsroom: articles", () -> articles(run, city));
	}

	private void articles(DemoCityRun run, CityGeography city) {
		long t0 = System.nanoTime();
		jdbc.sql("""
				insert into news_link_domain (domain, note, added_by, added_at) values (:d, '西江日报（市报）', :by, now())
				on conflict (domain) do nothing""").param("d", PAPER_DOMAIN).param("by", DemoScenario.ACTOR).update();
		jdbc.sql("""
				insert into news_link_domain (domain, note, added_by, added_at) values ('www.gov.cn', '中国政府网', :by, now())
				on conflict (domain) do nothing""").param("by", DemoScenario.ACTOR).update();
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		int n = 0;
		for (Story s : STORIES) {
			int day = STORIES.size() - n;
			Timestamp at = Timestamp.from(run.plan().asOf().minusDays(day * 3L).atTime(LocalTime.of(9, 30))
				.atZone(zone).toInstant());
			String code;
			String path;
			if (s.county() < 0 || city.counties().isEmpty()) {
				code = city.cityCode();
				path = city.cityPath();
			}
			else {
				CityGeography.County c = city.counties().get(s.county() % city.counties().size());
				code = c.code();
				path = c.path();
			}
			String body = BodySanitizer.canonical("<p>" + s.first() + "</p><p>" + s.second() + "</p>");
			insert(s.title(), null, s.lead(), body, s.tags().split("、"), code, path, at, n, null);
			run.digest(("news:" + s.title()).getBytes(StandardCharsets.UTF_8));
			n++;
		}
		// the reprint record: attribution only, linking to the city paper
		Timestamp at = Timestamp.from(run.plan().asOf().minusDays(1).atTime(LocalTime.of(8, 0)).atZone(zone).toInstant());
		String body = BodySanitizer.canonical("<p>西江日报报道了我市推进三线整治、改善老城区街巷环境的做法。"
				+ "全文请阅读<a href=\"https://" + PAPER_DOMAIN + "/\">西江日报</a>原文。</p>");
		insert("【转载】西江日报：老城区三线整治让街巷“清爽”起来", null, "本条为转载记录，只注明出处与链接，不转载原文。", body,
				new String[] { "三线整治", "转载" }, city.cityCode(), city.cityPath(), at, n, new String[] { "西江日报",
						"西江日报记者", "老城区三线整治让街巷“清爽”起来", "https://" + PAPER_DOMAIN + "/",
						"仅注明出处并链接原文，未经许可不转载正文。" });
		run.digest("news:reprint".getBytes(StandardCharsets.UTF_8));
		run.counted("news_article", STORIES.size() + 1L, t0);
	}

	private static final String[] REPORTERS = { "林晓", "陈思远", "黄敏", "梁志强", "何静" };

	private static final String[] CORRESPONDENTS = { "区文明办 李华", "实践中心 张悦", "镇文明办 吴强" };

	private void insert(String title, String subtitle, String lead, String body, String[] tags, String code,
			String path, Timestamp at, int n, String[] reprint) {
		long seq = jdbc.sql("select nextval('news_article_number_seq')").query(Long.class).single();
		String number = "N" + at.toLocalDateTime().getYear() + "-" + String.format("%06d", seq);
		long id = jdbc.sql("""
				insert into news_article (number, region_code, region_path, status, title, subtitle, lead, body_html, tags,
				    source, reporters, correspondents, editor, reprint_source, reprint_author, reprint_title, reprint_url,
				    reprint_terms, created_by, created_at, updated_at, submitted_by, submitted_at, reviewed_by, reviewed_at,
				    published_at, version, view_count)
				values (:number, :code, :path, 'PUBLISHED', :title, :subtitle, :lead, :body, cast(:tags as text[]),
				    :source, cast(:reporters as text[]), cast(:correspondents as text[]), :editor, :rs, :ra, :rt, :ru,
				    :rterms, 'demo-author', :at, :at, 'demo-author', :at, 'demo-reviewer', :at, :at, 1, :views)
				returning id""")
			.param("number", number).param("code", code).param("path", path).param("title", title)
			.param("subtitle", subtitle).param("lead", lead).param("body", body).param("tags", tags)
			.param("source", reprint == null ? "市文明办" : null)
			.param("reporters", reprint == null ? new String[] { REPORTERS[n % REPORTERS.length] } : new String[0])
			.param("correspondents", reprint == null ? new String[] { CORRESPONDENTS[n % CORRESPONDENTS.length] }
					: new String[0])
			.param("editor", "周编辑").param("rs", reprint == null ? null : reprint[0])
			.param("ra", reprint == null ? null : reprint[1]).param("rt", reprint == null ? null : reprint[2])
			.param("ru", reprint == null ? null : reprint[3]).param("rterms", reprint == null ? null : reprint[4])
			.param("at", at).param("views", (long) (n * 37 % 500)).query(Long.class).single();
		jdbc.sql("""
				insert into news_article_version (article_id, version, title, body_html, body_sha256, published_at,
				    published_by)
				values (:id, 1, :title, :body, :sha, :at, 'demo-reviewer')""").param("id", id).param("title", title)
			.param("body", body).param("sha", BodySanitizer.sha256(body)).param("at", at).update();
	}
}
