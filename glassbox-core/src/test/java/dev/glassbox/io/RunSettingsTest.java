package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The run settings a checkpoint carries: known names and one-line values only. */
class RunSettingsTest {
    private static final Set<String> KNOWN = Set.of("layers", "epochs");

    @Test
    void roundTripsInNameOrder() {
        RunSettings settings = new RunSettings(Map.of("layers", "784-16-10", "epochs", "3"));
        assertThat(settings.toJson()).isEqualTo("{\"epochs\":\"3\",\"layers\":\"784-16-10\"}");
        assertThat(RunSettings.parse(settings.toJson(), KNOWN)).isEqualTo(settings);
    }

    @Test
    void refusesNamesTheCallerDoesNotKnow() {
        assertThatThrownBy(() -> RunSettings.parse("{\"layers\":\"784-10\",\"out\":\"/etc/passwd\"}", KNOWN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'out'");
    }

    @Test
    void refusesWhatIsNotAnObjectOfOneLineStrings() {
        assertThatThrownBy(() -> RunSettings.parse("[\"--out\",\"x\"]", KNOWN)).hasMessageContaining("an array");
        assertThatThrownBy(() -> RunSettings.parse("{\"epochs\":3}", KNOWN)).hasMessageContaining("expected a string");
        assertThatThrownBy(() -> RunSettings.parse("{\"epochs\":\"3\\n--out\"}", KNOWN))
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> RunSettings.parse("{\"epochs\":", KNOWN)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RunSettings.parse("{\"epochs\":\"" + "9".repeat(2000) + "\"}", KNOWN))
                .hasMessageContaining("2000 characters");
    }

    @Test
    void onlyKeepsTheNamedSettings() {
        RunSettings settings = new RunSettings(Map.of("layers", "784-16-10", "epochs", "3"));
        assertThat(settings.only(Set.of("epochs")).values()).containsOnlyKeys("epochs");
    }
}
