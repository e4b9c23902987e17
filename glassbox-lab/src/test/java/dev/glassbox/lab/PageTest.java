package dev.glassbox.lab;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A lab over the default model and a headless Chromium, started once per test class. */
abstract class PageTest {
    static LabServer server;
    static Browser browser;

    @BeforeAll
    static void startLabAndBrowser() {
        // Relative, so the Your model panel (and its screenshot) shows a short path.
        server = TestLab.start(Path.of("target", "lab-pages"));
        browser = new Browser();
    }

    @AfterAll
    static void stopLabAndBrowser() {
        browser.close();
        server.close();
    }
}
