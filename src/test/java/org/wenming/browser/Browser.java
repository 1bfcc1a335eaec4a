package org.wenming.browser;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser in one flow, with the few verbs flows need: open a path, fill a field by its id, press
 * a button by its text, read the page, wait for something, decode a QR code shown on the screen,
 * fetch a file the way a link would. {@link #driver()} gives Selenium itself for the rest.
 */
public final class Browser {

	private static final Pattern RESOURCE_STATUS = Pattern.compile(
			"^(\\S+) - Failed to load resource: the server responded with a status of (\\d{3})");

	private final ChromeDriver driver;

	private final String baseUrl;

	private final Viewport viewport;

	private final List<String> consoleErrors = new ArrayList<>();

	Browser(ChromeDriver driver, String baseUrl, Viewport viewport) {
		this.driver = driver;
		this.baseUrl = baseUrl;
		this.viewport = viewport;
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
	}

	public WebDriver driver() {
		return driver;
	}

	public ChromeDriver chrome() {
		return driver;
	}

	public Viewport viewport() {
		return viewport;
	}

	public String baseUrl() {
		return baseUrl;
	}

	/** Opens a path of the application ({@code /activities}) or a full URL. */
	public Browser open(String pathOrUrl) {
		driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
		drainConsole();
		return this;
	}

	/** The path (and query) of the page now shown. */
	public String path() {
		String url = driver.getCurrentUrl();
		return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
	}

	String currentUrl() {
		return driver.getCurrentUrl();
	}

	public WebElement find(String css) {
		return driver.findElement(By.cssSelector(css));
	}

	public List<WebElement> findAll(String css) {
		return driver.findElements(By.cssSelector(css));
	}

	public boolean has(String css) {
		return !driver.findElements(By.cssSelector(css)).isEmpty();
	}

	/** Types into the field with this id, replacing what it held. */
	public Browser fill(String id, String value) {
		WebElement field = driver.findElement(By.id(id));
		scrollTo(field);
		field.clear();
		field.sendKeys(value);
		return this;
	}

	/** Chooses the option with this value in the select with this id. */
	public Browser choose(String id, String value) {
		new Select(driver.findElement(By.id(id))).selectByValue(value);
		return this;
	}

	/** Ticks the checkbox or radio with this id (leaves it ticked if it was). */
	public Browser tick(String id) {
		WebElement box = driver.findElement(By.id(id));
		scrollTo(box);
		if (!box.isSelected()) {
			box.click();
		}
		return this;
	}

	/** Clicks the button or link whose visible text contains {@code text}; the page it leads to is loaded. */
	public Browser press(String text) {
		WebElement target = driver.findElements(By.cssSelector("button, a, input[type=submit]")).stream()
			.filter(WebElement::isDisplayed)
			.filter(e -> (e.getText() + " " + nullToEmpty(e.getAttribute("value"))).contains(text))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no visible button or link reading \"" + text + "\" on " + path()));
		return click(target);
	}

	public Browser click(String css) {
		return click(find(css));
	}

	public Browser click(WebElement element) {
		scrollTo(element);
		element.click();
		waitForLoad();
		drainConsole();
		return this;
	}

	/**
	 * As {@link #press}, for a link or a form that leads to another page: waits until that page has
	 * replaced this one. ({@code press} may return while the old page is still shown.)
	 */
	public Browser pressToNextPage(String text) {
		String page = markPage();
		press(text);
		return nextPage(page);
	}

	/** As {@link #click(String)}, waiting until the page it leads to has replaced this one. */
	public Browser clickToNextPage(String css) {
		String page = markPage();
		click(css);
		return nextPage(page);
	}

	/**
	 * Marks the document now shown, so that its replacement can be told from it: a new document
	 * has a new window without the mark. (Waiting for an element of the old page to go stale was
	 * not enough: Chromium sometimes answers a removed node with an "unknown error" instead.)
	 */
	private String markPage() {
		String mark = java.util.UUID.randomUUID().toString();
		driver.executeScript("window.__wenmingPage = arguments[0]", mark);
		return mark;
	}

	private Browser nextPage(String previous) {
		new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class)
			.until(d -> !previous.equals(((JavascriptExecutor) d).executeScript("return window.__wenmingPage || ''"))
					&& "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
		drainConsole();
		return this;
	}

	/** Presses keys on whatever has the focus (keyboard-only flows). */
	public Browser keys(CharSequence... keys) {
		new Actions(driver).sendKeys(keys).perform();
		return this;
	}

	/** Tabs forward until the focused element matches, at most {@code limit} times; fails if it never does. */
	public Browser tabTo(String css, int limit) {
		for (int i = 0; i < limit; i++) {
			new Actions(driver).sendKeys(Keys.TAB).perform();
			if ((Boolean) driver.executeScript("return document.activeElement && document.activeElement.matches(arguments[0])", css)) {
				return this;
			}
		}
		throw new AssertionError("Tab never reached " + css + " on " + path() + " in " + limit + " presses");
	}

	/** Without a mouse: Tab to the link or button and press Enter, then wait for the page it leads to. */
	public Browser enter(String css) {
		String page = markPage();
		tabTo(css, 400);
		keys(Keys.ENTER);
		return nextPage(page);
	}

	/** Without a mouse: Tab to a closed select and move its choice with the arrow key until it holds the value. */
	public Browser chooseByKeys(String css, String value) {
		tabTo(css, 400);
		for (int i = 0; i < 300 && !value.equals(find(css).getDomProperty("value")); i++) {
			keys(Keys.ARROW_DOWN);
		}
		if (!value.equals(find(css).getDomProperty("value"))) {
			throw new AssertionError("the arrow keys never chose " + value + " in " + css + " on " + path());
		}
		return this;
	}

	public WebElement focused() {
		return driver.switchTo().activeElement();
	}

	/** The visible text of the page. */
	public String text() {
		return driver.findElement(By.tagName("body")).getText();
	}

	public String heading() {
		return find("h1").getText();
	}

	public <T> T waitUntil(Function<WebDriver, T> condition) {
		// htmx swaps parts of a page while a condition reads them: a swapped element is read again
		return new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
			.until(condition);
	}

	/** Signs in through the login form and waits for the page it leads to. */
	public Browser signIn(String username, String password) {
		open("/login");
		fill("username", username);
		fill("password", password);
		clickToNextPage("main form button[type=submit]");
		if (path().startsWith("/login")) {
			throw new AssertionError("sign-in as " + username + " failed: " + text());
		}
		return this;
	}

	public Object script(String script, Object... args) {
		return driver.executeScript(script, args);
	}

	/** Fetches a path inside the page, with the page's cookies, as a link or a download would. */
	public Fetched fetch(String path) {
		@SuppressWarnings("unchecked")
		Map<String, Object> answer = (Map<String, Object>) driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {
				  const bytes = new Uint8Array(await r.arrayBuffer());
				  let binary = '';
				  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
				  done({status: r.status, type: r.headers.get('content-type') || '', body: btoa(binary)});
				}).catch(e => done({status: -1, type: '', body: '', error: String(e)}));
				""", path);
		return new Fetched(((Number) answer.get("status")).intValue(), (String) answer.get("type"),
				Base64.getDecoder().decode((String) answer.get("body")));
	}

	public record Fetched(int status, String contentType, byte[] body) {
	}

	/**
	 * Reads the QR code drawn by the element the selector finds, as a camera would, looking again
	 * when the read meets the page swapping in a fresh code (a stale or half-drawn element).
	 */
	public String decodeQr(String css) {
		RuntimeException stale = null;
		AssertionError unreadable = null;
		for (int attempt = 0; attempt < 6; attempt++) {
			try {
				return decodeQr(find(css));
			}
			catch (StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
				stale = e;
			}
			catch (AssertionError e) {
				unreadable = e;
			}
			try {
				// a camera looks again a moment later; the code's swap takes a few hundred milliseconds
				Thread.sleep(400);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (unreadable != null) {
			throw unreadable;
		}
		throw stale;
	}

	/** Reads the QR code drawn by an element (an img, a canvas or an svg) as a camera would. */
	public String decodeQr(WebElement element) {
		scrollTo(element);
		byte[] png = element.getScreenshotAs(OutputType.BYTES);
		BufferedImage image = image(png);
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
		// a phone's scanner tries harder and with more than one way of telling dark from light; the element's
		// screenshot is the code alone, so it may also be read as a pure code (its grid taken from the whole
		// picture): the finder-pattern search sometimes misplaces a module on a clean code (a checksum error)
		List<Map<DecodeHintType, Object>> ways = List.of(Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE),
				Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE, DecodeHintType.PURE_BARCODE, Boolean.TRUE));
		for (Map<DecodeHintType, Object> hints : ways) {
			for (Binarizer binarizer : List.of(new HybridBinarizer(source), new GlobalHistogramBinarizer(source))) {
				try {
					return new QRCodeReader().decode(new BinaryBitmap(binarizer), hints).getText();
				}
				catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
					// the next binarizer, or the next way
				}
			}
		}
		throw new AssertionError("no readable QR code in " + element.getTagName() + " on " + path() + " ("
				+ image.getWidth() + "×" + image.getHeight() + " px, kept in " + keep(png, "qr") + ")");
	}

	/** Keeps a picture the test could not read under target/browser-failures, for whoever looks into it. */
	private static Path keep(byte[] png, String what) {
		try {
			Path dir = Files.createDirectories(Path.of("target", "browser-failures"));
			return Files.write(dir.resolve(what + "-" + System.nanoTime() + ".png"), png);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public byte[] screenshot() {
		return driver.getScreenshotAs(OutputType.BYTES);
	}

	public String html() {
		return driver.getPageSource();
	}

	/** JavaScript errors and failed loads of scripts, styles and images seen so far in this browser. */
	public List<String> consoleErrors() {
		drainConsole();
		return List.copyOf(consoleErrors);
	}

	void close() {
		try {
			driver.quit();
		}
		catch (RuntimeException e) {
			// already gone
		}
	}

	private void drainConsole() {
		for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expected(entry.getMessage())) {
				consoleErrors.add(entry.getMessage());
			}
		}
	}

	/**
	 * A page answered 4xx on purpose (a refused form, a page a role may not see) is logged by Chrome
	 * as a failed resource; that is the flow, not a fault. 5xx answers are caught on the server.
	 * A missing script, style or image is a fault.
	 */
	private static boolean expected(String message) {
		Matcher m = RESOURCE_STATUS.matcher(message);
		if (!m.find()) {
			return false;
		}
		String url = m.group(1);
		boolean asset = url.contains("/css/") || url.contains("/js/") || url.contains("/img/") || url.contains("/webjars/");
		return m.group(2).startsWith("4") && !asset || m.group(2).startsWith("5");
	}

	private void waitForLoad() {
		new WebDriverWait(driver, Duration.ofSeconds(30))
			.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
	}

	private void scrollTo(WebElement element) {
		driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
	}

	private static BufferedImage image(byte[] png) {
		try {
			return ImageIO.read(new ByteArrayInputStream(png));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String nullToEmpty(String s) {
		return s == null ? "" : s;
	}
}
