package org.wenming.ledger.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The certificate settings fail the start with a clear message instead of printing nonsense. */
class CertificatePropertiesTest {

	@Test
	void defaultsAreTheCityCentreAndItsPrefix() {
		CertificateProperties p = new CertificateProperties(null, null, " ");
		assertThat(p.issuer()).isEqualTo("肇庆市新时代文明实践中心");
		assertThat(p.numberPrefix()).isEqualTo("ZQ");
		assertThat(p.publicUrl()).isNull();
		assertThat(new CertificateProperties("端州区新时代文明实践中心", "DZ", "https://wenming.example.cn/").publicUrl())
				.isEqualTo("https://wenming.example.cn");
	}

	@Test
	void badSettingsStopTheStart() {
		assertThatThrownBy(() -> new CertificateProperties(null, "zq1", null)).hasMessageContaining("number-prefix");
		assertThatThrownBy(() -> new CertificateProperties("中心<script>", null, null)).hasMessageContaining("issuer");
		assertThatThrownBy(() -> new CertificateProperties("中".repeat(61), null, null)).hasMessageContaining("issuer");
		assertThatThrownBy(() -> new CertificateProperties(null, null, "ftp://x.cn")).hasMessageContaining("public-url");
		assertThatThrownBy(() -> new CertificateProperties(null, null, "https://x.cn/?a=b")).hasMessageContaining("public-url");
		assertThatThrownBy(() -> new CertificateProperties(null, null, "not a url")).hasMessageContaining("public-url");
	}
}
