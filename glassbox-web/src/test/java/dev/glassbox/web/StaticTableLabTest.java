package dev.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.lab.DefaultModel;
import dev.glassbox.lab.LabModel;
import dev.glassbox.lab.StaticSite;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab as a static site for a table, as {@code glassbox lab --export DIR --data iris.csv}
 * writes it: the page's engine parses the shipped CSV file, splits and prepares it with the model's
 * own preparation, and "Try an example" changes the prediction — no server code involved.
 */
class StaticTableLabTest {
    private static final Path IRIS = Path.of("../data/iris.csv").toAbsolutePath();
    private static final Path WEB = Path.of(System.getProperty("glassbox.web.directory", "target/web"));

    private static Path site;
    private static PageServer server;
    private static Chromium chromium;

    @BeforeAll
    static void export() throws IOException {
        Table all = CsvText.table(Files.readAllBytes(IRIS), "iris.csv");
        // The preparation learnt from the training rows, as glassbox lab --data learns it before it trains.
        Table[] split = TableData.split(all, TablePreparation.Options.defaults(), TableData.TEST_FRACTION,
                LabData.SPLIT_SEED);
        LabData data = LabData.table(all, TablePreparation.fit(split[0], TablePreparation.Options.defaults()));
        LabModel start = DefaultModel.train(data, new TrainingListener() {});
        site = Files.createTempDirectory("glassbox-table-site").resolve("site");
        StaticSite.write(site, WEB, new StaticSite.TableData(IRIS),
                new StaticSite.Model(ModelCodec.write(start.network(), start.metadata()), start.source()), "test");
        server = PageServer.site(site);
        chromium = new Chromium();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theEngineInThePageShowsTheTableAndTriesExamples() {
        Page page = chromium.page(1600, 1000);
        List<String> urls = new ArrayList<>();
        page.context().onRequest(r -> urls.add(r.url()));
        page.navigate(server.url(""));
        page.waitForSelector("body[data-ready=true]", new Page.WaitForSelectorOptions().setTimeout(90_000));
        assertThat(page.locator("#backend").textContent()).contains("WebAssembly GC");
        assertThat(page.locator("#network-example").textContent()).startsWith("Showing test row 0, a ");
        assertThat(page.locator("#draw-tab").textContent()).isEqualTo("Try an example");

        page.click("button[data-tab=draw]");
        page.waitForSelector("#field-petal_length");
        page.fill("#field-petal_length", "1.4");
        page.fill("#field-petal_width", "0.2");
        page.waitForFunction("() => document.getElementById('top-digit').textContent === 'setosa'");
        page.fill("#field-petal_length", "6.5");
        page.fill("#field-petal_width", "2.4");
        page.waitForFunction("() => document.getElementById('top-digit').textContent === 'virginica'");

        page.click("button[data-tab=diagnostics]");
        page.waitForSelector("#confusion th:has-text('versicolor')");
        assertThat(chromium.errors).as("console errors").isEmpty();
        assertThat(urls).allSatisfy(u -> assertThat(u).startsWith(server.url("")));
        page.context().close();
    }
}
