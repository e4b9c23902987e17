package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.Table;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.optim.OptimizerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step figures of models that are not MNIST's: outputs named after their classes, at most 20
 * of them, and the weights from the inputs drawn as the model reads them — an image of its shape,
 * or a table's inputs as named bars.
 */
class StepFiguresTest {
    @TempDir
    Path dir;

    private static BackpropTrace step(String spec, int label) {
        Network network = NetworkSpec.parse(spec).build(3);
        float[] input = new float[network.inputSize()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.cos(i + 1); // of both signs, so weights change both ways
        }
        return Explainer.of(network, new SoftmaxCrossEntropy(), KernelChoice.provider())
                .backprop(input, label, OptimizerConfig.of("sgd"), 0.1f);
    }

    private Map<String, String> write(BackpropTrace trace, ModelInputs inputs) throws Exception {
        Map<String, String> svgs = new TreeMap<>();
        for (Path file : StepFigures.write(trace, 4, inputs, dir)) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()); // well-formed
            svgs.put(file.getFileName().toString(), Files.readString(file));
        }
        return svgs;
    }

    private static List<String> texts(String svg) {
        List<String> texts = new ArrayList<>();
        Matcher m = Pattern.compile(">([^<]*)</text>").matcher(svg);
        while (m.find()) {
            texts.add(m.group(1));
        }
        return texts;
    }

    @Test
    void outputsAreNamedAndAColourImageIsDrawnInItsOwnShape() throws Exception {
        ModelInputs inputs = new ModelInputs.Images(new ImagePreparation(8, 6, ImagePreparation.Channels.RGB,
                ImagePreparation.Prepare.NONE), List.of("cat", "dog", "a rather long bird name"));
        Map<String, String> svgs = write(step("144-5-3", 1), inputs);

        assertThat(svgs).containsOnlyKeys("1-output-error.svg", "2-output-weights.svg", "3-hidden-1.svg",
                "4-update.svg");
        for (String name : List.of("1-output-error.svg", "4-update.svg")) {
            // Two names fit on one line; the long one is wrapped onto two, whole.
            assertThat(texts(svgs.get(name))).contains("cat", "dog", "a rather long", "bird name");
        }
        assertThat(svgs.get("1-output-error.svg")).contains("Desired: 1 for dog, 0 for the others");
        assertThat(svgs.get("2-output-weights.svg")).contains("Weights into the output for dog");
        // 8×6 pixels in a 140 box: cells of 17.5, the image 140 × 105, its three channels summed into one cell each.
        String hidden = svgs.get("3-hidden-1.svg");
        assertThat(hidden).contains("width=\"140.00\" height=\"105.00\"").contains("red + green + blue summed")
                .contains("width=\"17.50\" height=\"17.50\"");
    }

    @Test
    void aTablesInputsAreNamedBarsAndOneHotInputsSayTheirValue() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 12; r++) {
            rows.add(List.of(Integer.toString(r), r % 3 == 0 ? "red" : "blue", r % 2 == 0 ? "yes" : "no"));
        }
        TablePreparation preparation = TablePreparation.fit(Table.of("t.csv", List.of("size", "colour", "ok"), rows),
                TablePreparation.Options.defaults());
        Map<String, String> svgs = write(step("3-2", 0), new ModelInputs.Table(preparation));

        // No hidden layer: step 2's weights come from the inputs, one bar each, blue up and red down.
        List<String> weights = texts(svgs.get("2-output-weights.svg"));
        assertThat(weights).contains("size", "colour = blue", "colour = red", "into no",
                "weight change from each input (blue up, red down)");
        assertThat(svgs.get("2-output-weights.svg")).contains(Svg.POSITIVE).contains(Svg.NEGATIVE);
        assertThat(texts(svgs.get("1-output-error.svg"))).contains("no", "yes");
    }

    @Test
    void aWideTableShowsTheThirtyInputsThatChangeMost() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            rows.add(List.of("c" + (100 + r), r % 2 == 0 ? "yes" : "no"));
        }
        TablePreparation preparation = TablePreparation.fit(Table.of("t.csv", List.of("code", "ok"), rows),
                TablePreparation.Options.defaults());
        BackpropTrace trace = step("40-2", 1);
        List<String> texts = texts(write(trace, new ModelInputs.Table(preparation)).get("2-output-weights.svg"));

        float[] updates = trace.parameters().get(0).update(); // (2, 40): the row into output 1 is second
        List<Integer> byChange = IntStream.range(0, 40).boxed()
                .sorted((a, b) -> Float.compare(Math.abs(updates[40 + b]), Math.abs(updates[40 + a]))).toList();
        byChange.subList(0, 30).forEach(i -> assertThat(texts).contains("code = c" + (100 + i)));
        byChange.subList(30, 40).forEach(i -> assertThat(texts).doesNotContain("code = c" + (100 + i)));
        assertThat(texts).contains("10 more inputs, with smaller values, not shown");
    }

    @Test
    void manyClassesShowTheTrueOneAndTheHighestRatedTwentyAtMost() throws Exception {
        List<String> names = IntStream.range(0, 30).mapToObj(c -> "kind " + c).toList();
        ModelInputs inputs = new ModelInputs.Images(ImagePreparation.grey(4, 3), names);
        BackpropTrace trace = step("12-30", 29);
        Map<String, String> svgs = write(trace, inputs);

        float[] p = trace.before().probabilities();
        List<Integer> byProbability = IntStream.range(0, 29).boxed()
                .sorted((a, b) -> Float.compare(p[b], p[a])).toList();
        for (String name : List.of("1-output-error.svg", "3-update.svg")) {
            List<String> texts = texts(svgs.get(name));
            assertThat(texts).contains("kind 29").contains("Showing 20 of 30 classes: the true one and those rated"
                    + " highest; the 10 left out get " + String.format(java.util.Locale.ROOT, "%.1f",
                    100 * p[byProbability.get(19)]) + " % or less each.");
            byProbability.subList(0, 19).forEach(c -> assertThat(texts).contains("kind " + c));
            byProbability.subList(19, 29).forEach(c -> assertThat(texts).doesNotContain("kind " + c));
        }
    }

    @Test
    void namesTooLongToLieFlatStandUprightAndCutShort() throws Exception {
        List<String> names = IntStream.range(0, 12)
                .mapToObj(c -> "a class with a very long name indeed, number " + c).toList();
        Map<String, String> svgs = write(step("5-12", 3), new ModelInputs.Images(ImagePreparation.grey(5, 1),
                names));
        String svg = svgs.get("1-output-error.svg");
        assertThat(svg).contains("transform=\"rotate(-90").contains(">a class with a very long na…</text>");
        assertThat(texts(svg)).noneMatch(t -> t.equals(names.get(3)));
    }

    @Test
    void namesAFileCouldHoldStayWellFormed() throws Exception {
        // write() parses every figure: markup and control characters in a class's name must not break it.
        write(step("2-2", 0), new ModelInputs.Images(ImagePreparation.grey(2, 1), List.of("<b>&\u0001", "ok")));
        assertThat(Files.readString(dir.resolve("1-output-error.svg"))).contains("&lt;b&gt;&amp;\uFFFD");
    }
}
