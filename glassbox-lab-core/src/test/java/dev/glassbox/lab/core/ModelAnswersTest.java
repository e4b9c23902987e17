package dev.glassbox.lab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.MnistData;
import dev.glassbox.explain.Attribution;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.explain.Nudge;
import dev.glassbox.io.Json;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.kernels.ReferenceKernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answers as the page reads them: written as JSON and parsed back, every number is the
 * engine's float (a float written as JSON reads back as the same float).
 */
class ModelAnswersTest {
    private static MnistData data;
    private static CurrentModel model;
    private static ModelAnswers answers;

    @BeforeAll
    static void load() {
        data = MnistFolder.load(Path.of(System.getProperty("glassbox.data", "../data/mnist")));
        model = new CurrentModel(NetworkSpec.parse("784-16-relu-12-relu-10").build(5), Loss.byName("cross-entropy"),
                "seed 5", Map.of(), ReferenceKernels.PROVIDER);
        answers = new ModelAnswers(model::snapshot, LabData.mnist(data), ReferenceKernels.NAME);
    }

    /** The answer as the page gets it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> answer) {
        return (Map<String, Object>) Json.parse(Json.write(answer));
    }

    private static float[] floats(Object list) {
        List<?> values = (List<?>) list;
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }

    @Test
    void theNetworkViewDescribesEachColumn() {
        Map<String, Object> view = roundTrip(answers.network());
        assertThat(view.get("spec")).isEqualTo("784-16-relu-12-relu-10");
        assertThat((List<?>) view.get("columns")).hasSize(3);
        assertThat(view.get("parameters")).isEqualTo(784L * 16 + 16 + 16 * 12 + 12 + 12 * 10 + 10);
        assertThat(view.get("kernels")).isEqualTo("reference");
        assertThat(answers.network()).as("computed once per snapshot").isSameAs(answers.network());
    }

    @Test
    void forwardGivesTheEnginesNumbersBitForBit() {
        float[] pixels = answers.testInput(0);
        StringBuilder body = new StringBuilder("{\"pixels\":[");
        for (int i = 0; i < pixels.length; i++) {
            body.append(i == 0 ? "" : ",").append(pixels[i]);
        }
        Map<String, Object> activity = roundTrip(answers.forward(Body.parse(body.append("]}").toString())));
        ForwardTrace expected = model.snapshot().explainer().forward(pixels);
        assertThat(floats(activity.get("probabilities"))).isEqualTo(expected.probabilities());
        Map<?, ?> first = (Map<?, ?>) ((List<?>) activity.get("columns")).get(0);
        assertThat(floats(first.get("sums"))).isEqualTo(expected.columns().get(0).sums());
        assertThat(activity.get("predicted")).isEqualTo((long) expected.predicted());
    }

    @Test
    void backpropIsTheEnginesTraceForTheTestImage() {
        Map<String, Object> step = roundTrip(answers.backprop(Body.parse("{\"index\":7,\"learningRate\":0.1}")));
        BackpropTrace trace = model.snapshot().explainer().backprop(answers.testInput(7), data.test().label(7),
                OptimizerConfig.of("sgd"), 0.1f);
        assertThat(step.get("label")).isEqualTo((long) data.test().label(7));
        Map<?, ?> step2 = (Map<?, ?>) step.get("step2");
        int in = trace.outputColumn().weight().cols();
        int label = trace.label();
        float[] gradients = java.util.Arrays.copyOfRange(trace.outputColumn().weight().gradient(), label * in,
                label * in + in);
        assertThat(floats(step2.get("gradients"))).isEqualTo(gradients);
        assertThat(((Map<?, ?>) step.get("applied")).get("lossAfter")).isEqualTo(trace.lossAfter());
    }

    @Test
    void diagnosticsCountEveryTestImageOnce() {
        Map<String, Object> d = roundTrip(answers.diagnostics());
        long total = 0;
        for (Object row : (List<?>) d.get("counts")) {
            for (Object count : (List<?>) row) {
                total += (Long) count;
            }
        }
        assertThat(total).isEqualTo(data.test().size());
        Map<String, Object> cell = roundTrip(answers.confusionCell(Map.of("label", "3", "predicted", "3")));
        assertThat((List<?>) cell.get("examples")).isNotEmpty().hasSizeLessThanOrEqualTo(Diagnostics.EXAMPLES_PER_CELL);
    }

    @Test
    void aDrawnVerticalStrokeIsPreparedAndRun() {
        int side = 56;
        StringBuilder ink = new StringBuilder();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                ink.append(ink.isEmpty() ? "" : ",").append(y > 8 && y < 48 && x > 25 && x < 30 ? 255 : 0);
            }
        }
        Map<String, Object> activity = roundTrip(answers.digit(Body.parse("{\"width\":" + side + ",\"height\":" + side
                + ",\"ink\":[" + ink + "]}")));
        assertThat(floats(activity.get("pixels"))).hasSize(Images.PIXELS).contains(1f);
    }

    private static String pixelsBody(float[] pixels, String more) {
        StringBuilder body = new StringBuilder("{\"pixels\":[");
        for (int i = 0; i < pixels.length; i++) {
            body.append(i == 0 ? "" : ",").append(pixels[i]);
        }
        return body.append("]").append(more).append("}").toString();
    }

    @Test
    void attributionIsTheEnginesBitForBit() {
        float[] pixels = answers.testInput(3);
        Attribution expected = model.snapshot().explainer().attribution(pixels, 6);
        Map<String, Object> answer = roundTrip(answers.attribution(Body.parse(pixelsBody(pixels, ",\"target\":6"))));
        assertThat(answer.get("target")).isEqualTo(6L);
        assertThat(floats(answer.get("pixels"))).isEqualTo(pixels);
        assertThat(floats(answer.get("gradient"))).isEqualTo(expected.maps().gradient());
        assertThat(floats(answer.get("gradientTimesInput"))).isEqualTo(expected.maps().gradientTimesInput());
        assertThat(floats(answer.get("integrated"))).isEqualTo(expected.maps().integrated());
        assertThat(floats(answer.get("scores"))).isEqualTo(expected.scores());
        Map<?, ?> completeness = (Map<?, ?>) answer.get("completeness");
        assertThat(completeness.get("sum")).isEqualTo(expected.completeness().attributionSum());
        assertThat(completeness.get("difference")).isEqualTo(expected.completeness().difference());
        assertThat(completeness.get("relativeGap")).isEqualTo(expected.completeness().relativeGap());
        assertThat(completeness.get("steps")).isEqualTo((long) expected.completeness().steps());

        Map<String, Object> answered = roundTrip(answers.attribution(Body.parse(pixelsBody(pixels, ""))));
        long predicted = model.snapshot().explainer().forward(pixels).predicted();
        assertThat(answered.get("target")).as("by default the answer").isEqualTo(predicted);
        assertThat(answered.get("predicted")).isEqualTo(predicted);
    }

    @Test
    void aNudgeTowardTheAnswerGoesToTheRunnerUpAndIsRunForward() {
        float[] pixels = answers.testInput(0);
        ForwardTrace before = model.snapshot().explainer().forward(pixels);
        int runnerUp = Nudge.toward(before.output(), before.predicted());
        Map<String, Object> answer = roundTrip(answers.nudge(Body.parse(pixelsBody(pixels, ""))));
        Nudge expected = model.snapshot().explainer().nudge(pixels, runnerUp, Nudge.Range.pixels(784),
                Nudge.MOST_CHANGES);
        assertThat(answer.get("target")).isEqualTo((long) runnerUp);
        assertThat(answer.get("before")).isEqualTo((long) before.predicted());
        assertThat(answer.get("flipped")).isEqualTo(expected.flipped());
        assertThat(((List<?>) answer.get("changed")).stream().map(v -> ((Long) v).intValue()).toList())
                .containsExactly(java.util.Arrays.stream(expected.changed()).boxed().toArray(Integer[]::new));
        assertThat(floats(answer.get("pixels"))).isEqualTo(expected.nudged());
        Map<?, ?> activity = (Map<?, ?>) answer.get("activity");
        assertThat(floats(activity.get("probabilities")))
                .isEqualTo(model.snapshot().explainer().forward(expected.nudged()).probabilities());
    }

    @Test
    void aTablesNudgeKeepsEachInputWithinItsTrainingRange() {
        LabData table = LabTables.small();
        CurrentModel tableModel = new CurrentModel(NetworkSpec.parse("5-6-relu-3").build(8),
                Loss.byName("cross-entropy"), "seed 8", table.inputs().metadata(), ReferenceKernels.PROVIDER);
        ModelAnswers tableAnswers = new ModelAnswers(tableModel::snapshot, table, ReferenceKernels.NAME);
        Nudge.Range range = Nudge.Range.observed(table.train());
        for (int index = 0; index < 10; index++) {
            float[] row = tableAnswers.testInput(index);
            Map<String, Object> answer = roundTrip(tableAnswers.nudge(Body.parse(pixelsBody(row, ""))));
            float[] nudged = floats(answer.get("pixels"));
            for (Object changed : (List<?>) answer.get("changed")) {
                int i = ((Long) changed).intValue();
                assertThat(nudged[i]).isIn(range.low()[i], range.high()[i]);
            }
        }
        Map<String, Object> bars = roundTrip(tableAnswers.attribution(Body.parse(pixelsBody(tableAnswers.testInput(0),
                ",\"target\":2"))));
        assertThat(floats(bars.get("integrated"))).hasSize(5);
    }

    @Test
    void attributionRequestsAreChecked() {
        assertThatThrownBy(() -> answers.attribution(Body.parse(pixelsBody(new float[784], ",\"target\":10"))))
                .hasMessage("target: expected an output 0..9, got 10");
        assertThatThrownBy(() -> answers.nudge(Body.parse(pixelsBody(new float[784], ",\"target\":-1"))))
                .hasMessage("target: expected an output 0..9, got -1");
        assertThatThrownBy(() -> answers.attribution(Body.parse("{}")))
                .hasMessage("pixels: expected 784 values, got none");
        assertThatThrownBy(() -> answers.post("attribution", Body.parse(pixelsBody(new float[784], ",\"target\":1.5"))))
                .hasMessageStartingWith("target: expected a whole number");
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> answers.forward(Body.parse("{}"))).hasMessage("pixels: expected 784 values, got none");
        assertThatThrownBy(() -> answers.forward(Body.parse("{\"pixels\":\"nope\"}")))
                .hasMessageStartingWith("pixels: expected an array of numbers");
        assertThatThrownBy(() -> answers.forward(Body.parse("{\"pixels\":[true]}")))
                .hasMessageStartingWith("pixels[0]: expected a number");
        assertThatThrownBy(() -> Body.parse("[1]")).hasMessage("expected a JSON object, got an array");
        assertThatThrownBy(() -> answers.neuron(Body.parse("{\"pixels\":[],\"column\":1.5,\"neuron\":0}")))
                .hasMessageStartingWith("column: expected a whole number");
        assertThatThrownBy(() -> answers.backprop(Body.parse("{\"index\":10000,\"learningRate\":0.1}")))
                .hasMessage("index: expected a test example 0..9999, got 10000");
        assertThatThrownBy(() -> answers.backprop(Body.parse("{\"index\":1}"))).hasMessage("learningRate: missing");
        assertThatThrownBy(() -> answers.digit(Body.parse("{\"width\":28,\"height\":28,\"ink\":[" + "0,".repeat(783)
                + "0]}"))).hasMessage("drawing: no ink found; draw a digit");
        assertThatThrownBy(() -> answers.testDigit(Map.of("index", "x"))).hasMessage("index: expected a whole number, got 'x'");
        assertThatThrownBy(() -> answers.testDigit(Map.of("index", "-2")))
                .hasMessage("index: expected a test example 0..9999, got -2");
        assertThatThrownBy(() -> answers.confusionCell(Map.of("label", "3", "predicted", "10")))
                .hasMessage("label and predicted: expected 0..9, got 3 and 10");
    }
}
