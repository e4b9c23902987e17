package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.data.Split;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.explain.Attribution;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.lab.core.Provenance;
import dev.glassbox.optim.OptimizerConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassbox explain} on a model trained on a table or an image folder: the test sample drawn
 * as training drew it, the engine's numbers for it, and figures that name the classes and draw the
 * weights from the inputs as the model reads them.
 */
class ExplainOwnDataTest {
    private static final Path IRIS = Path.of("..", "data", "iris.csv");
    private static final String SPECIES = "species";

    @TempDir
    static Path dir;

    private static Path irisModel;
    private static Path folder;
    private static Path folderModel;

    @BeforeAll
    static void train() throws IOException {
        // A seed other than the default: the test rows must be the ones this run held out.
        irisModel = dir.resolve("iris.safetensors");
        CliRun iris = CliRun.of("train", "--data", IRIS.toString(), "--layers", "4-8-3", "--epochs", "20", "--seed",
                "7", "--out", irisModel.toString());
        assertThat(iris.exitCode()).as(iris.err()).isZero();

        folder = writeFolder(dir.resolve("colours"));
        folderModel = dir.resolve("colours.safetensors");
        CliRun colours = CliRun.of("train", "--data", folder.toString(), "--image-size", "8x6", "--channels", "3",
                "--layers", "144-6-3", "--epochs", "5", "--out", folderModel.toString());
        assertThat(colours.exitCode()).as(colours.err()).isZero();
    }

    /** Ten 16×12 colour images per class: the class's colour on one half, darker on the other. */
    private static Path writeFolder(Path root) throws IOException {
        Map<String, Integer> colours = Map.of("red things", 0xC81E1E, "green", 0x1EC81E, "blue sky", 0x1E1EC8);
        for (Map.Entry<String, Integer> colour : colours.entrySet()) {
            Path classDir = Files.createDirectories(root.resolve(colour.getKey()));
            for (int i = 0; i < 10; i++) {
                BufferedImage image = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 12; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean bright = (x < 8) == (i % 2 == 0);
                        image.setRGB(x, y, bright ? colour.getValue() : (colour.getValue() >> 2) & 0x3F3F3F);
                    }
                }
                ImageIO.write(image, "png", classDir.resolve(String.format(Locale.ROOT, "%02d.png", i)).toFile());
            }
        }
        return root;
    }

    private static Map<String, String> figures(Path out) throws Exception {
        Map<String, String> svgs = new TreeMap<>();
        try (var files = Files.list(out)) {
            for (Path svg : files.toList()) {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed
                svgs.put(svg.getFileName().toString(), Files.readString(svg));
            }
        }
        return svgs;
    }

    @Test
    void aTableModelExplainsAHeldOutRowWithItsClassesAndColumns() throws Exception {
        Path out = dir.resolve("iris-figures");
        CliRun run = CliRun.of("explain", "--model", irisModel.toString(), "--data", IRIS.toString(), "--class",
                "virginica", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        // The rows train held out with seed 7, drawn again here as TableTrainingTest draws them.
        Table table = CsvFiles.read(IRIS);
        int label = table.column(SPECIES);
        Split split = Split.stratified(table.groups(label), PreparationOptions.DEFAULT_TEST_FRACTION, 7);
        int k = 0;
        while (!table.cell(split.second()[k], label).equals("virginica")) {
            k++;
        }
        assertThat(run.out()).contains("test set: 30 rows drawn with seed 7, stratified by class")
                .contains("Test row " + k + " (a virginica): the network gave it ");

        // The engine's numbers for that row, prepared as the model reads it.
        SavedModel saved = ModelFiles.load(irisModel);
        TablePreparation preparation = ((ModelInputs.Table) ModelInputs.of(saved.metadata())).preparation();
        float[] input = TableData.dataset(preparation, table.select("row", new int[] {split.second()[k]}), "row")
                .input(0);
        BackpropTrace trace = Explainer.of(saved.network(), ModelOption.loss(saved), KernelChoice.provider())
                .backprop(input, preparation.classNames().indexOf("virginica"), OptimizerConfig.of("sgd"), 0.1f);
        Map<String, String> svgs = figures(out);
        assertThat(svgs).containsOnlyKeys("1-output-error.svg", "2-output-weights.svg", "3-hidden-1.svg",
                "4-update.svg");
        String step1 = svgs.get("1-output-error.svg");
        for (int c = 0; c < 3; c++) {
            assertThat(step1).contains(">" + String.format(Locale.ROOT, "%.4g", trace.dOutput()[c]) + "<");
        }
        for (String name : new String[] {"1-output-error.svg", "4-update.svg"}) {
            assertThat(svgs.get(name)).contains(">setosa<", ">versicolor<", ">virginica<");
        }
        assertThat(svgs.get("2-output-weights.svg")).contains("Weights into the output for virginica");
        // The first hidden layer's weight changes: one named bar per column.
        assertThat(svgs.get("3-hidden-1.svg")).contains(">sepal_length<", ">sepal_width<", ">petal_length<",
                ">petal_width<", "weight changes from the inputs");
    }

    @Test
    void aTableModelsAttributionNamesEachInput() throws Exception {
        Path out = dir.resolve("iris-attribution");
        CliRun run = CliRun.of("explain", "--attribution", "--model", irisModel.toString(), "--data", IRIS.toString(),
                "--index", "2", "--target", "versicolor", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Test row 2 (a ").contains("Why versicolor:");

        SavedModel saved = ModelFiles.load(irisModel);
        ModelInputs inputs = ModelInputs.of(saved.metadata());
        Table table = CsvFiles.read(IRIS);
        Split split = Split.stratified(table.groups(table.column(SPECIES)), PreparationOptions.DEFAULT_TEST_FRACTION,
                7);
        float[] input = TableData.dataset(((ModelInputs.Table) inputs).preparation(),
                table.select("row", new int[] {split.second()[2]}), "row").input(0);
        Attribution expected = Explainer.of(saved.network(), ModelOption.loss(saved), KernelChoice.provider())
                .attribution(input, inputs.classNames().indexOf("versicolor"));
        List<String> lines = Files.readAllLines(out.resolve("attribution.csv"));
        assertThat(lines).containsExactly("input,gradient,gradient×input,integrated",
                row("sepal_length", expected, 0), row("sepal_width", expected, 1), row("petal_length", expected, 2),
                row("petal_width", expected, 3));
        String svg = Files.readString(out.resolve("attribution.svg"));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("attribution.svg").toFile());
        assertThat(svg).contains("Why versicolor?", ">sepal_length<", ">petal_width<", ">integrated gradients<",
                "the all-zero input (each number at its mean)");
    }

    private static String row(String name, Attribution a, int i) {
        return name + "," + a.maps().gradient()[i] + "," + a.maps().gradientTimesInput()[i] + ","
                + a.maps().integrated()[i];
    }

    @Test
    void anImageFolderModelDrawsItsImagesInTheirShapeAndColours() throws Exception {
        Path out = dir.resolve("colour-figures");
        CliRun run = CliRun.of("explain", "--model", folderModel.toString(), "--data", folder.toString(), "--class",
                "blue sky", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("test set: 6 images drawn with seed 1, stratified by class")
                .containsPattern("Test image [0-5] \\(a blue sky\\): the network gave it [0-9.]+ %; after one step"
                        + " of η = 0.1, [0-9.]+ %.");

        Map<String, String> svgs = figures(out);
        for (String name : new String[] {"1-output-error.svg", "4-update.svg"}) {
            assertThat(svgs.get(name)).contains(">blue sky<", ">green<", ">red things<");
        }
        // 8×6 pixels fitted into a 140 box: cells of 17.5, the image 140 wide and 105 high.
        assertThat(svgs.get("3-hidden-1.svg")).contains("width=\"140.00\" height=\"105.00\"")
                .contains("width=\"17.50\" height=\"17.50\"").contains("red + green + blue summed");

        CliRun byIndex = CliRun.of("explain", "--model", folderModel.toString(), "--data", folder.toString(),
                "--index", "5", "--out", out.toString());
        assertThat(byIndex.exitCode()).as(byIndex.err()).isZero();
        assertThat(byIndex.out()).containsPattern("Test image 5 \\(a (blue sky|green|red things)\\)");
    }

    /** {@code explain} with {@code args} into a folder it must not create, failing as a usage error. */
    private static CliRun usageError(String... args) {
        String[] out = {"--out", dir.resolve("none").toString()};
        CliRun run = CliRun.of(concat(concat(new String[] {"explain"}, args), out));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.errLines()).isEqualTo(2); // the message, then "Try 'glassbox explain --help'."
        assertThat(dir.resolve("none")).doesNotExist();
        return run;
    }

    @Test
    void anUnknownClassIsAUsageErrorListingTheClasses() {
        CliRun run = usageError("--model", irisModel.toString(), "--data", IRIS.toString(), "--class", "rose");
        assertThat(run.err().lines().findFirst().orElseThrow()).isEqualTo("glassbox: --class rose: the model has no"
                + " such class; its classes are setosa, versicolor, virginica");
        CliRun digit = usageError("--model", irisModel.toString(), "--data", IRIS.toString(), "--digit", "3");
        assertThat(digit.err()).contains("--digit 3: the model has no such class");
    }

    @Test
    void anIndexPastTheTestSetIsAUsageError() {
        CliRun run = usageError("--model", irisModel.toString(), "--data", IRIS.toString(), "--index", "30");
        assertThat(run.err()).contains("--index must be 0..29 (the test set's 30 rows), got 30");
    }

    @Test
    void aTableModelRefusesMnistData() {
        for (String[] data : new String[][] {{}, {"--data", "../data/mnist"}}) {
            CliRun run = usageError(concat(new String[] {"--model", irisModel.toString()}, data));
            assertThat(run.err().lines().findFirst().orElseThrow())
                    .isEqualTo("glassbox: the model reads the columns of a table: pass --data FILE.csv with them");
        }
        CliRun images = usageError("--model", folderModel.toString(), "--data", IRIS.toString());
        assertThat(images.err()).contains("is a table; the model reads images");
    }

    @Test
    void aRegressionIsRefusedSayingWhatWorks() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 60; i++) {
            csv.append(i).append(',').append(2 * i + 1).append('\n');
        }
        Path table = Files.writeString(dir.resolve("line.csv"), csv);
        Path model = dir.resolve("line.safetensors");
        CliRun train = CliRun.of("train", "--data", table.toString(), "--layers", "1-4-1", "--epochs", "1", "--out",
                model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();

        CliRun run = usageError("--model", model.toString(), "--data", table.toString());
        assertThat(run.err()).contains("predicts a number (regression)").contains("takes classifiers");
    }

    @Test
    void theTestSetIsDrawnWithTheSeedTheModelWasTrainedWith() {
        assertThat(ExplainedSample.splitSeed(Map.of("glassbox.seed", "9"))).isEqualTo(9);
        assertThat(ExplainedSample.splitSeed(Map.of())).isEqualTo(1); // train's default
        // The lab splits with its own seed, whatever seed it trained with.
        assertThat(ExplainedSample.splitSeed(Map.of("glassbox.seed", "9", Provenance.TRAINED_BY_KEY, Provenance.LAB)))
                .isEqualTo(LabData.SPLIT_SEED);
        assertThatThrownBy(() -> ExplainedSample.splitSeed(Map.of("glassbox.seed", "nine")))
                .hasMessageContaining("glassbox.seed: expected a whole number, got 'nine'");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
