package org.wenming.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.internal.RegionCatalogue;
import org.wenming.region.internal.RegionCatalogueException;
import org.wenming.shared.DataScope;
import org.wenming.support.WenmingTest;

@WenmingTest
class RegionCatalogueTest {

	@Autowired
	Regions regions;

	@Autowired
	RegionCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	@TempDir
	Path folder;

	@Test
	void guangdongIsLoadedWholeOnFirstStart() {
		assertThat(regions.count(RegionLevel.PROVINCE, DataScope.EVERYTHING)).isEqualTo(1);
		assertThat(regions.count(RegionLevel.CITY, DataScope.EVERYTHING)).isEqualTo(21);
		assertThat(regions.count(RegionLevel.COUNTY, DataScope.EVERYTHING)).isEqualTo(124);
		assertThat(regions.count(RegionLevel.TOWN, DataScope.EVERYTHING)).isEqualTo(1757);
		assertThat(regions.count(RegionLevel.VILLAGE, DataScope.EVERYTHING)).isEqualTo(26842);
	}

	@Test
	void zhaoqingHasEightCountiesAndItsTownsAndVillages() {
		DataScope zhaoqing = regions.find("4412").orElseThrow().scope();
		assertThat(regions.count(RegionLevel.COUNTY, zhaoqing)).isEqualTo(8);
		// the official files list 106 towns/streets for Zhaoqing (the brief's 107 is one more than the data)
		assertThat(regions.count(RegionLevel.TOWN, zhaoqing)).isEqualTo(106);
		assertThat(regions.count(RegionLevel.VILLAGE, zhaoqing)).isEqualTo(1558);
	}

	@Test
	void breadcrumbRunsFromTheProvinceDown() {
		Region village = regions.find("441202001002").orElseThrow();
		assertThat(regions.breadcrumb(village)).extracting(Region::code)
				.containsExactly("44", "4412", "441202", "441202001", "441202001002");
		assertThat(regions.find("441202").orElseThrow().name()).isEqualTo("端州区");
	}

	@Test
	void loadingAgainAddsNothing() {
		int before = jdbc.sql("select count(*) from region").query(Integer.class).single();
		assertThat(catalogue.load("classpath:regions/")).isZero();
		assertThat(jdbc.sql("select count(*) from region").query(Integer.class).single()).isEqualTo(before);
	}

	@Test
	void aBrokenRowRefusesTheWholeLoadNamingFileLineAndRule() throws IOException {
		// a new, valid town first, then a row whose code has a letter in it
		writeCatalogue("""
				code,name,areaCode,provinceCode,cityCode
				441202999,"测试新街道",441202,44,4412
				44120299X,"坏行",441202,44,4412
				""", "");
		assertThatThrownBy(() -> catalogue.load(folder.toUri() + "/"))
				.isInstanceOf(RegionCatalogueException.class)
				.hasMessage("streets.csv line 1760: code '44120299X' must be digits only");
		assertThat(regions.find("441202999")).isEmpty();
	}

	@Test
	void anUnknownParentRefusesTheLoad() throws IOException {
		writeCatalogue("""
				code,name,areaCode,provinceCode,cityCode
				441202999,"测试新街道",441299,44,4412
				""", "");
		assertThatThrownBy(() -> catalogue.load(folder.toUri() + "/"))
				.isInstanceOf(RegionCatalogueException.class)
				.hasMessage("streets.csv line 1759: unknown parent areaCode '441299'");
		assertThat(regions.find("441202999")).isEmpty();
	}

	@Test
	void aDuplicateCodeRefusesTheLoad() throws IOException {
		writeCatalogue("""
				code,name,areaCode,provinceCode,cityCode
				441202999,"测试新街道",441202,44,4412
				""", """
				441202999001,"村一",441202999,44,4412,441202
				441202999001,"村二",441202999,44,4412,441202
				""");
		assertThatThrownBy(() -> catalogue.load(folder.toUri() + "/"))
				.isInstanceOf(RegionCatalogueException.class)
				.hasMessage("villages.csv line 26845: duplicate code 441202999001");
		assertThat(regions.find("441202999")).isEmpty();
	}

	@Test
	void aFileThatIsNotUtf8IsRefused() throws IOException {
		writeCatalogue("code,name,areaCode,provinceCode,cityCode\n", "");
		Files.write(folder.resolve("streets.csv"), "code,name,areaCode,provinceCode,cityCode\n441202999,\"测试\",441202,44,4412\n"
				.getBytes(java.nio.charset.Charset.forName("GBK")));
		assertThatThrownBy(() -> catalogue.load(folder.toUri() + "/"))
				.isInstanceOf(RegionCatalogueException.class)
				.hasMessage("streets.csv: not UTF-8 text");
	}

	@Test
	void aValidAdditionIsLoadedAndScopedUnderItsParent() throws IOException {
		writeCatalogue("""
				code,name,areaCode,provinceCode,cityCode
				441202998,"测试补充街道",441202,44,4412
				""", "");
		assertThat(catalogue.load(folder.toUri() + "/")).isEqualTo(1);
		Region added = regions.find("441202998").orElseThrow();
		assertThat(added.path()).isEqualTo("44.4412.441202.441202998.");
		assertThat(regions.find("441202").orElseThrow().scope().covers(added.path())).isTrue();
		assertThat(regions.find("441203").orElseThrow().scope().covers(added.path())).isFalse();
		jdbc.sql("delete from region where code = '441202998'").update();
	}

	/** The shipped catalogue with the given towns and villages appended (header lines included for towns). */
	private void writeCatalogue(String extraStreets, String extraVillages) throws IOException {
		Path shipped = Path.of("src/main/resources/regions");
		for (String file : new String[] { "provinces.csv", "cities.csv", "areas.csv" }) {
			Files.copy(shipped.resolve(file), folder.resolve(file));
		}
		String[] streetLines = extraStreets.split("\n", 2);
		String streets = Files.readString(shipped.resolve("streets.csv")) + (streetLines.length > 1 ? streetLines[1] : "");
		Files.writeString(folder.resolve("streets.csv"), streets, StandardCharsets.UTF_8);
		Files.writeString(folder.resolve("villages.csv"), Files.readString(shipped.resolve("villages.csv")) + extraVillages,
				StandardCharsets.UTF_8);
	}
}
