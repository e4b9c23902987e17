package dev.glassbox.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.Table;
import dev.glassbox.data.TablePreparation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInputsTest {
    @Test
    void aModelThatSaysNothingIsAnMnistModel() {
        ModelInputs inputs = ModelInputs.of(Map.of());
        assertThat(inputs).isEqualTo(ModelInputs.digits());
        assertThat(inputs.inputSize()).isEqualTo(784);
        assertThat(inputs.classNames()).hasSize(10).startsWith("0");
        assertThat(inputs.metadata()).containsKey(ModelInputs.IMAGES_KEY);
    }

    @Test
    void imagesSurviveTheRoundTrip() {
        ModelInputs inputs = new ModelInputs.Images(ImagePreparation.rgb(32, 24), List.of("cat", "dog"));
        ModelInputs back = ModelInputs.of(inputs.metadata());
        assertThat(back).isEqualTo(inputs);
        assertThat(back.inputSize()).isEqualTo(32 * 24 * 3);
        assertThat(((ModelInputs.Images) back).shape()).hasToString("32x24x3");
    }

    @Test
    void aTableSurvivesTheRoundTrip() {
        Table table = Table.of("t", List.of("x", "colour", "y"),
                List.of(List.of("1", "red", "a"), List.of("2", "blue", "b"), List.of("4", "red", "a")));
        TablePreparation preparation = TablePreparation.fit(table, TablePreparation.Options.defaults());
        ModelInputs back = ModelInputs.of(new ModelInputs.Table(preparation).metadata());
        assertThat(back.classNames()).containsExactly("a", "b");
        assertThat(back.inputSize()).isEqualTo(3);
        assertThat(back.isRegression()).isFalse();
    }

    @Test
    void hostileEntriesAreOneLineNamingTheKey() {
        for (String bad : new String[] {"[]", "{}", "{\"width\":0,\"height\":28,\"channels\":1,\"prepare\":\"none\","
                + "\"classes\":[\"a\"]}", "{\"width\":28,\"height\":28,\"channels\":2,\"prepare\":\"none\",\"classes\":[\"a\"]}",
            "{\"width\":28,\"height\":28,\"channels\":1,\"prepare\":\"rm -rf\",\"classes\":[\"a\"]}",
            "{\"width\":28,\"height\":28,\"channels\":1,\"prepare\":\"none\",\"classes\":[]}",
            "{\"width\":28,\"height\":28,\"channels\":1,\"prepare\":\"none\",\"classes\":[1]}",
            "{\"width\":99999999999,\"height\":28,\"channels\":1,\"prepare\":\"none\",\"classes\":[\"a\"]}", "not json"}) {
            assertThatThrownBy(() -> ModelInputs.of(Map.of(ModelInputs.IMAGES_KEY, bad)))
                    .as(bad).isInstanceOf(DatasetException.class).hasMessageContaining(ModelInputs.IMAGES_KEY)
                    .hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> ModelInputs.of(Map.of(ModelInputs.IMAGES_KEY, "{}", TableJson.METADATA_KEY, "{}")))
                .hasMessageContaining("both as a table and as images");
    }
}
