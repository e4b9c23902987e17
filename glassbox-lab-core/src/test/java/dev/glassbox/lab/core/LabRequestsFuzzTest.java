package dev.glassbox.lab.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.NetworkSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the page sends, as arbitrary text, to every question of {@link ModelAnswers} and to the
 * training settings: an answer that writes as JSON, or an {@link IllegalArgumentException} with a
 * message — nothing else, whichever back end (server or worker) received it. The seed corpus in
 * {@code LabRequestsFuzzTestInputs/} (each request as the page sends it, wrong types, huge
 * numbers) replays in every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class LabRequestsFuzzTest {
    private static final ModelAnswers ANSWERS;
    private static final LabData DATA;
    /** The same questions about a table's model. */
    private static final ModelAnswers TABLE_ANSWERS;
    private static final LabData TABLE;

    static {
        MnistData data = MnistFolder.load(Path.of(System.getProperty("glassbox.data", "../data/mnist")));
        CurrentModel model = new CurrentModel(NetworkSpec.parse("784-8-relu-6-relu-10").build(5),
                Loss.byName("cross-entropy"), "seed 5", Map.of(), ReferenceKernels.PROVIDER);
        DATA = LabData.mnist(data);
        ANSWERS = new ModelAnswers(model::snapshot, DATA, ReferenceKernels.NAME);
        TABLE = LabTables.small();
        CurrentModel tableModel = new CurrentModel(NetworkSpec.parse("5-4-relu-3").build(5), Loss.byName("cross-entropy"),
                "seed 5", TABLE.inputs().metadata(), ReferenceKernels.PROVIDER);
        TABLE_ANSWERS = new ModelAnswers(tableModel::snapshot, TABLE, ReferenceKernels.NAME);
    }

    @FuzzTest(maxDuration = "10m")
    void requests(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Body body;
        try {
            body = Body.parse(text);
        } catch (IllegalArgumentException expected) {
            return;
        }
        ask(ANSWERS, DATA, body);
        ask(TABLE_ANSWERS, TABLE, body);
    }

    private static void ask(ModelAnswers answers, LabData data, Body body) {
        for (String route : ModelAnswers.POST_ROUTES) {
            try {
                Json.write(answers.post(route, body));
            } catch (IllegalArgumentException expected) {
                // refused with a message
            }
        }
        for (String route : ModelAnswers.GET_ROUTES) {
            try {
                Json.write(answers.get(route, body.texts()));
            } catch (IllegalArgumentException expected) {
                // refused with a message
            }
        }
        try {
            TrainSettings.from(body, data).memory();
        } catch (IllegalArgumentException expected) {
            // refused with a message
        }
    }
}
