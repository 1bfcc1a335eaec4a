package org.wenming.volunteer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenming.platform.DatabaseProperties;

class PersonalDataKeysTest {

	static final String K0 = "OIONVM9TXC/mpSMF8kJoH9ComYvq39QOgumHlcoxHI8=";

	static final String K1 = "mZyPbgNEoNmlcUn5Z+gI7tAX3NEsImG1ccxf/GeFrys=";

	static final String HASH = "hASckkVYgXFV4wD6k+c030uHo5UDzf2s8fA3FAjXW/A=";

	@Test
	void embeddedWithoutKeysGeneratesAnOwnerOnlyFileOnceAndReusesIt(@TempDir Path data) throws Exception {
		DatabaseProperties embedded = new DatabaseProperties("", "", "", data, 0, false, true, 24, 100);
		PersonalDataProperties none = new PersonalDataProperties(Map.of(), null, null);
		PersonalDataCipher first = new PersonalDataKeys().personalDataCipher(none, embedded);
		Path file = data.resolve(PersonalDataKeys.FILE);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		byte[] sealed = first.encrypt("phone", "13812341234");
		PersonalDataCipher again = new PersonalDataKeys().personalDataCipher(none, embedded);
		assertThat(again.decrypt(first.activeKeyId(), "phone", sealed)).isEqualTo("13812341234");
		assertThat(again.hash("phone", "13812341234")).isEqualTo(first.hash("phone", "13812341234"));
	}

	@Test
	void externalDatabaseWithoutKeysRefusesToStartNamingTheProperties(@TempDir Path data) {
		DatabaseProperties external = new DatabaseProperties("jdbc:postgresql://db/wenming", "u", "p", data, 0, false,
				true, 24, 100);
		assertThatThrownBy(() -> new PersonalDataKeys()
				.personalDataCipher(new PersonalDataProperties(Map.of(), null, null), external))
				.hasMessageContaining("wenming.personal-data.keys").hasMessageContaining("wenming.personal-data.hash-key");
		assertThat(data.resolve(PersonalDataKeys.FILE)).doesNotExist();
	}

	@Test
	void badConfigurationFailsFastNamingTheProperty() {
		assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of("k1", "c2hvcnQ="), "k1", HASH)))
				.hasMessageContaining("wenming.personal-data.keys.k1");
		assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of("k1", K1), "k2", HASH)))
				.hasMessageContaining("wenming.personal-data.active-key");
		assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of("k1", K1), "k1", "!!")))
				.hasMessageContaining("wenming.personal-data.hash-key");
		assertThatThrownBy(() -> new PersonalDataCipher(new PersonalDataProperties(Map.of("k 1", K1), "k 1", HASH)))
				.hasMessageContaining("key id");
	}

	@Test
	void rotatedKeysStillDecryptOldCiphertextsAndColumnsAreBound() {
		PersonalDataCipher old = new PersonalDataCipher(new PersonalDataProperties(Map.of("k0", K0), "k0", HASH));
		byte[] sealed = old.encrypt("id_number", "441202199003071232");
		PersonalDataCipher rotated = new PersonalDataCipher(
				new PersonalDataProperties(Map.of("k0", K0, "k1", K1), "k1", HASH));
		assertThat(rotated.decrypt("k0", "id_number", sealed)).isEqualTo("441202199003071232");
		assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("4412021990");
		assertThatThrownBy(() -> rotated.decrypt("k0", "phone", sealed)).hasMessageNotContaining("4412");
		// a fresh nonce every time: the same number never gives the same ciphertext
		assertThat(rotated.encrypt("phone", "13812341234")).isNotEqualTo(rotated.encrypt("phone", "13812341234"));
	}
}
