package org.wenming.activity.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.wenming.platform.QrSvg;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** The signed, rotating token, the QR drawing and the settings' checks. */
class CheckinTokensTest {

	static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

	final CheckinTokens tokens = new CheckinTokens(KEY, 30);

	@Test
	void aTokenNamesItsShiftAndPeriodAndCannotBeAltered() {
		String token = tokens.issue(42, 1000);
		assertThat(tokens.read(token)).contains(new CheckinTokens.Token(42, 1000));
		assertThat(tokens.read(token.replaceFirst("^42\\.", "43."))).isEmpty();
		assertThat(tokens.read(token.replace(".1000.", ".1001."))).isEmpty();
		assertThat(tokens.read(new CheckinTokens("another key of thirty-two bytes!".getBytes(), 30).issue(42, 1000)))
				.isEmpty();
		assertThat(tokens.read("42.1000")).isEmpty();
		assertThat(tokens.read(null)).isEmpty();
	}

	@Test
	void aTokenIsFreshInItsPeriodAndTheNextOnly() {
		Instant at = Instant.ofEpochSecond(30_000 * 30L + 10);
		long slot = tokens.slot(at);
		assertThat(tokens.fresh(slot, at)).isTrue();
		assertThat(tokens.fresh(slot, at.plusSeconds(30))).isTrue();
		assertThat(tokens.fresh(slot, at.plusSeconds(60))).isFalse();
		assertThat(tokens.fresh(slot, at.minusSeconds(30))).isFalse();
		// the code on screen changes every period
		assertThat(tokens.issue(7, tokens.slot(at))).isNotEqualTo(tokens.issue(7, tokens.slot(at.plusSeconds(30))));
	}

	@Test
	void theQrCodeDecodesToTheCheckInUrl() throws Exception {
		String url = "https://wenming.example/checkin?t=" + tokens.issue(42, 1000);
		String svg = QrSvg.of(url, "测试<活动>");
		assertThat(svg).startsWith("<svg").contains("aria-label=\"测试&lt;活动&gt;\"").doesNotContain("<script");
		// draw the path's unit squares into pixels and read them back with ZXing's reader
		int size = Integer.parseInt(svg.replaceAll("(?s).*viewBox=\"0 0 (\\d+) .*", "$1"));
		int scale = 4;
		int[] pixels = new int[size * size * scale * scale];
		java.util.Arrays.fill(pixels, 0xFFFFFF);
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
		while (m.find()) {
			int x = Integer.parseInt(m.group(1));
			int y = Integer.parseInt(m.group(2));
			for (int dy = 0; dy < scale; dy++) {
				for (int dx = 0; dx < scale; dx++) {
					pixels[(y * scale + dy) * size * scale + x * scale + dx] = 0;
				}
			}
		}
		LuminanceSource source = new RGBLuminanceSource(size * scale, size * scale, pixels);
		String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
				Map.of(DecodeHintType.PURE_BARCODE, true)).getText();
		assertThat(decoded).isEqualTo(url);
	}

	@Test
	void settingsOutsideTheirRangeStopTheStartNamingTheProperty() {
		assertThatThrownBy(() -> properties(Duration.ofSeconds(20), 0.6)).hasMessageContaining("wenming.checkin.code-period");
		assertThatThrownBy(() -> properties(Duration.ofSeconds(61), 0.6)).hasMessageContaining("wenming.checkin.code-period");
		assertThatThrownBy(() -> properties(Duration.ofSeconds(30), 1.5))
				.hasMessageContaining("wenming.checkin.minimum-presence");
		assertThat(properties(Duration.ofSeconds(60), 0).minimumPresence()).isZero();
		assertThatThrownBy(() -> CheckinKeys.decode("c2hvcnQ=")).hasMessageContaining("32 bytes");
		assertThatThrownBy(() -> CheckinKeys.decode("not base64!")).hasMessageContaining("base64");
	}

	private static CheckinProperties properties(Duration period, double presence) {
		return new CheckinProperties(period, Duration.ofMinutes(30), Duration.ofHours(24), Duration.ofMinutes(2),
				Duration.ofMinutes(30), presence, Duration.ofDays(30), "0 27 3 * * *", null);
	}
}
