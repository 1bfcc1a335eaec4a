package org.wenming.servicedesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.casework.photo.TestImages;
import org.wenming.region.Regions;
import org.wenming.servicedesk.order.OrderPhotos;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Before-photos with an order: by the form (multipart) and the JSON (base64), checked by casework's rules
 * (re-encoded, no EXIF kept), stored in the object store with a BEFORE row; a bad photo or too many refused
 * naming {@code photos} with nothing stored.
 */
@WenmingTest
class OrderPhotosTest {

	static final String VILLAGE = OrderPagesTest.VILLAGE;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	OrderPhotos photos;

	TestUsers users;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	long orderId(String what) {
		return jdbc.sql("select id from service_order where what = :w").param("w", what).query(Long.class).single();
	}

	@Test
	void theFormTakesBeforePhotosWithoutTheirMetadata() throws Exception {
		byte[] exif = TestImages.jpegWithExif(400, 300, 1, "secret comment GPS");
		mvc.perform(multipart("/service/order").file(new MockMultipartFile("photos", "a.jpg", "image/jpeg", exif))
				.file(new MockMultipartFile("photos", "b.png", "image/png", TestImages.png(200, 200, false)))
				.file(new MockMultipartFile("photos", "", "application/octet-stream", new byte[0]))
				.with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf()).param("category", "HOME_VISIT")
				.param("what", "有照片" + tag).param("regionCode", VILLAGE).param("contactName", "赵姨")
				.param("contactMobile", "13600136000"))
				.andExpect(status().is3xxRedirection());
		long order = orderId("有照片" + tag);
		List<OrderPhotos.Photo> stored = photos.list(order);
		assertThat(stored).extracting(OrderPhotos.Photo::stage).containsExactly("BEFORE", "BEFORE");
		assertThat(stored.get(0).width()).isEqualTo(400);
		assertThat(photos.objectExists(stored.get(0).id())).isTrue();
		byte[] kept = photos.open(order, stored.get(0).id()).orElseThrow().bytes();
		assertThat(new String(kept, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret comment")
				.doesNotContain("Exif");
		assertThat(ImageIO.read(new java.io.ByteArrayInputStream(kept)).getWidth()).isEqualTo(400);
		assertThat(photos.open(order + 1_000_000, stored.get(0).id())).isEmpty();
	}

	@Test
	void aBadPhotoOrTooManyAreRefusedNamingPhotosWithNothingStored() throws Exception {
		long orders = count("service_order");
		long rows = count("service_order_photo");
		mvc.perform(multipart("/service/order")
				.file(new MockMultipartFile("photos", "x.jpg", "image/jpeg", "not an image".getBytes()))
				.with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf()).param("category", "WISH")
				.param("what", "坏照片" + tag).param("regionCode", VILLAGE).param("contactName", "赵姨")
				.param("contactMobile", "13600136000"))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"photos-error\"")));
		var four = multipart("/service/order");
		for (int i = 0; i < 4; i++) {
			four.file(new MockMultipartFile("photos", i + ".png", "image/png", TestImages.png(100, 100, false)));
		}
		mvc.perform(four.with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf()).param("category", "WISH")
				.param("what", "四张" + tag).param("regionCode", VILLAGE).param("contactName", "赵姨")
				.param("contactMobile", "13600136000"))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("最多上传3张照片")));
		mvc.perform(post("/api/v1/service/orders").with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json("坏编码" + tag, "%%%not base64%%%")))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("photos"));
		mvc.perform(post("/api/v1/service/orders").with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(json("坏图片" + tag, Base64.getEncoder().encodeToString("GIF89a....".getBytes()))))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("photos"));
		assertThat(count("service_order")).isEqualTo(orders);
		assertThat(count("service_order_photo")).isEqualTo(rows);
		// the form page offers the photo field (multipart)
		mvc.perform(get("/service/order")).andExpect(status().isOk())
				.andExpect(content().string(containsString("enctype=\"multipart/form-data\"")))
				.andExpect(content().string(containsString("name=\"photos\"")));
	}

	@Test
	void theJsonTakesBase64Photos() throws Exception {
		String photo = Base64.getEncoder().encodeToString(TestImages.jpeg(320, 240));
		mvc.perform(post("/api/v1/service/orders").with(users.person(1, VILLAGE, Roles.CITIZEN)).with(csrf())
				.contentType(MediaType.APPLICATION_JSON).content(json("接口照片" + tag, photo)))
				.andExpect(status().isCreated());
		List<OrderPhotos.Photo> stored = photos.list(orderId("接口照片" + tag));
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0).uploadedBy()).isNotEqualTo("anonymous");
		assertThat(stored.get(0).height()).isEqualTo(240);
	}

	static String json(String what, String photo) {
		return "{\"category\":\"WISH\",\"what\":\"" + what + "\",\"regionCode\":\"" + VILLAGE
				+ "\",\"contactName\":\"陈阿姨\",\"contactMobile\":\"13800138000\",\"photos\":[\"" + photo + "\"]}";
	}
}
