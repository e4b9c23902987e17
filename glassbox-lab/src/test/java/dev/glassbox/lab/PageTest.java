package dev.glassbox.lab;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A lab over the default model and a headless Chromium, started once per test class. */
abstract class PageTest {
    @TempDir
    static Path dir;

    static LabServer server;
    static Browser browser;

    @BeforeAll
    static void startLabAndBrowser() {
        server = TestLab.start(dir);
        browser = new Browser();
    }

    @AfterAll
    static void stopLabAndBrowser() {
        browser.close();
        server.close();
    }
}
