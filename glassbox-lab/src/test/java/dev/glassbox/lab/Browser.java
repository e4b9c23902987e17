package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium driven by Playwright: Debian's {@code /usr/bin/chromium}, never a downloaded
 * browser, so the tests run offline. Collects console errors and uncaught page errors.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;
    final List<String> errors = new CopyOnWriteArrayList<>();

    Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(ARGS));
    }

    /** A new page of a projector-like size, recording errors. */
    Page page() {
        Page page = browser.newContext(new NewContextOptions().setViewportSize(1600, 1000)).newPage();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add(m.text());
            }
        });
        page.onPageError(e -> errors.add(e));
        return page;
    }

    /** A new page on the lab at {@code lab}, once it is ready; the errors recorded so far are forgotten. */
    Page lab(LabServer lab) {
        errors.clear();
        Page page = page();
        page.navigate(lab.uri().toString());
        page.waitForSelector("body[data-ready=true]");
        return page;
    }

    /** Closes {@code page}, failing if it logged an error. */
    void closeWithoutErrors(Page page) {
        assertThat(errors).as("console errors").isEmpty();
        page.context().close();
    }

    /** Saves a screenshot under {@code target/screenshots} as a test artifact. */
    static void screenshot(Page page, String name) {
        Path dir = Paths.get(System.getProperty("glassbox.screenshots", "target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
