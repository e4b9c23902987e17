package dev.glassbox.web;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium driven by Playwright, as in the lab's page tests: Debian's
 * {@code /usr/bin/chromium}, never a downloaded browser, so the tests run offline. Collects console
 * errors and uncaught page errors.
 */
final class Chromium implements AutoCloseable {
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic");

    private final Playwright playwright;
    private final Browser browser;
    final List<String> errors = new CopyOnWriteArrayList<>();

    Chromium() {
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(ARGS));
    }

    /** A new page recording its errors. */
    Page page() {
        return record(browser.newPage());
    }

    /** A new page of the given size in a context of its own, recording its errors. */
    Page page(int width, int height) {
        return record(browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height)).newPage());
    }

    private Page record(Page page) {
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add(m.text());
            }
        });
        page.onPageError(errors::add);
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
