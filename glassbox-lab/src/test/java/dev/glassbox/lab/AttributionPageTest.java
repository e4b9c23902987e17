package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import dev.glassbox.explain.Attribution;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Why this answer?" in the Draw panel: the engine's maps for the drawing, redrawn as the user draws. */
class AttributionPageTest extends PageTest {
    private Page page;

    @BeforeEach
    void open() {
        page = browser.lab(server);
        page.click("button[data-tab=draw]");
        page.waitForSelector("[data-key=why-sum]");
    }

    @AfterEach
    void noErrors() {
        browser.closeWithoutErrors(page);
    }

    /** A stroke on the pad from (x0, y0) to (x1, y1), as fractions of its size. */
    private void stroke(double x0, double y0, double x1, double y1) {
        var box = page.locator("#pad").boundingBox();
        page.mouse().move(box.x + box.width * x0, box.y + box.height * y0);
        page.mouse().down();
        for (int step = 1; step <= 20; step++) {
            double t = step / 20.0;
            page.mouse().move(box.x + box.width * (x0 + (x1 - x0) * t), box.y + box.height * (y0 + (y1 - y0) * t));
        }
        page.mouse().up();
    }

    /** What the integrated gradients' canvas shows, and the sum printed under it. */
    private String shown() {
        return page.evaluate("() => document.getElementById('why-integrated').toDataURL()") + " "
                + page.locator("[data-key=why-sum]").getAttribute("title");
    }

    /** Waits until the maps show something other than {@code before}. */
    private void waitForNewMaps(String before) {
        page.waitForFunction("before => document.getElementById('why-integrated').toDataURL() + ' '"
                + " + document.querySelector('[data-key=why-sum]').title !== before", before);
    }

    @Test
    void theMapsFollowTheDrawingAndAreTheEnginesNumbers() {
        String testDigit = shown();
        page.click("#pad-clear");
        stroke(0.5, 0.15, 0.5, 0.85);
        page.waitForFunction("() => document.getElementById('top-digit').textContent === '1'");
        page.waitForFunction("() => document.getElementById('why-output').textContent === '1'");
        waitForNewMaps(testDigit);
        String one = shown();

        stroke(0.25, 0.2, 0.75, 0.2); // a bar across the top: the drawing, and so its maps, change
        waitForNewMaps(one);
        assertThat(shown()).isNotEqualTo(one);

        // The answer and the numbers on the page read at one moment, then checked against the JVM's engine.
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) page.evaluate("() => ({ why: window.labWhy, shown:"
                + " Object.fromEntries([...document.querySelectorAll('#why-completeness [data-key]')]"
                + ".map(e => [e.dataset.key, [e.title, e.textContent]])) })");
        @SuppressWarnings("unchecked")
        Map<String, Object> why = (Map<String, Object>) seen.get("why");
        @SuppressWarnings("unchecked")
        Map<String, List<String>> numbers = (Map<String, List<String>>) seen.get("shown");
        float[] pixels = floats(why.get("pixels"));
        int target = ((Number) why.get("target")).intValue();
        Attribution expected = server.lab().snapshot().explainer().attribution(pixels, target);
        assertThat(floats(why.get("integrated"))).isEqualTo(expected.maps().integrated());
        assertThat(floats(why.get("gradient"))).isEqualTo(expected.maps().gradient());
        assertThat(floats(why.get("gradientTimesInput"))).isEqualTo(expected.maps().gradientTimesInput());
        assertShown(numbers, "why-sum", expected.completeness().attributionSum());
        assertShown(numbers, "why-difference", expected.completeness().difference());
        assertShown(numbers, "why-score", expected.completeness().score());
        assertShown(numbers, "why-baseline", expected.completeness().baselineScore());
        assertThat(page.locator("#why-completeness").textContent()).contains("steps along the path");
        Browser.screenshot(page, "why");
    }

    @Test
    void anOutputIsPickedByItsProbabilityAndTheNudgeFlipsTheAnswerToIt() {
        String answer = page.locator("#top-digit").textContent();
        String picked = answer.equals("8") ? "5" : "8";
        String before = shown();
        page.click("#probabilities span[data-digit='" + picked + "']");
        waitForNewMaps(before);
        assertThat(page.locator("#why-output").textContent()).isEqualTo(picked);
        assertThat(page.locator("#why-target").inputValue()).isEqualTo(picked);

        page.click("#why-nudge");
        page.waitForSelector("#why-nudge-answer[data-flipped]");
        assertThat(page.locator("#why-nudge-answer").getAttribute("data-flipped")).isEqualTo("true");
        assertThat(page.locator("#why-nudge-answer").getAttribute("data-after")).isEqualTo(picked);
        assertThat(page.locator("#why-nudge-answer").textContent()).contains("makes it read " + picked)
                .contains("not " + answer);
        assertThat(page.locator("#why-nudged").isVisible()).isTrue();
        Browser.screenshot(page, "why-nudge");

        page.selectOption("#why-target", "");
        page.waitForFunction("() => window.labWhy.target === window.labWhy.predicted");
        assertThat(page.locator("#why-nudged").isVisible()).as("the nudge belongs to the output picked").isFalse();
    }

    /** The page shows the engine's number: in full in the title, to 4 significant digits in the text. */
    private static void assertShown(Map<String, List<String>> numbers, String key, double expected) {
        List<String> shown = numbers.get(key);
        assertThat(Double.parseDouble(shown.get(0))).as(key).isEqualTo(expected);
        assertThat(Double.parseDouble(shown.get(1))).as(key).isCloseTo(expected,
                org.assertj.core.data.Offset.offset(Math.abs(expected) * 1e-3 + 1e-12));
    }

    private static float[] floats(Object list) {
        List<?> values = (List<?>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
