package org.wenming.servicedesk.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;

/**
 * The menus by a shared position: the place of the nearest practice site with coordinates is looked up and its
 * menus (its station's, institute's and centre's) listed, on the JSON and the page; a position half given, not a
 * number or out of range is refused naming {@code lat} or {@code lon}.
 */
@WenmingTest
class MenuByPositionTest {

	static final String VILLAGE = "441202001002";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Test
	void aPositionFindsTheMenusOfTheNearestSitesPlace() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		// a point of the village far from every other site (a spot no other test uses)
		String lat = "23." + (900_000 + ThreadLocalRandom.current().nextInt(90_000));
		String lon = "111." + (900_000 + ThreadLocalRandom.current().nextInt(90_000));
		jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, address, latitude, longitude, updated_by)
				values (:region, :path, 'POINT', :name, '端州区测试路9号', cast(:lat as numeric), cast(:lon as numeric), 'test')""")
			.param("region", VILLAGE).param("path", regions.find(VILLAGE).orElseThrow().path())
			.param("name", "定位测试点" + tag).param("lat", lat).param("lon", lon).update();
		long station = jdbc.sql("select id from practice_site where region_code = :r and kind = 'STATION'")
			.param("r", VILLAGE).query(Long.class).single();
		// a little way off still finds it
		String near = lat.substring(0, lat.length() - 1) + "1";
		mvc.perform(get("/api/v1/service/menu").param("lat", near).param("lon", lon)).andExpect(status().isOk())
			.andExpect(jsonPath("$.region").value(VILLAGE))
			.andExpect(jsonPath("$.sites[*].siteId", hasItem((int) station)));
		mvc.perform(get("/service").param("lat", lat).param("lon", lon)).andExpect(status().isOk())
			.andExpect(content().string(containsString(regions.find(VILLAGE).orElseThrow().name())))
			.andExpect(content().string(containsString("/service/order?region=" + VILLAGE)));
	}

	@Test
	void aBadPositionIsRefusedNamingTheCoordinate() throws Exception {
		mvc.perform(get("/api/v1/service/menu").param("lat", "23.05")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("lon"));
		mvc.perform(get("/api/v1/service/menu").param("lat", "north").param("lon", "112.4"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("lat"));
		mvc.perform(get("/api/v1/service/menu").param("lat", "23.05").param("lon", "181"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("lon"));
		mvc.perform(get("/api/v1/service/menu")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("region"));
	}
}
