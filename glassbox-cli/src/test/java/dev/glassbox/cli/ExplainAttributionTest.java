package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.MnistData;
import dev.glassbox.explain.Attribution;
import dev.glassbox.explain.Explainer;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.jvm.data.ImageFolder;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassbox explain --attribution}: attribution.csv holds the engine's three maps for the
 * sample and output asked for, attribution.svg draws them with the completeness check, and bad
 * choices are one-line usage errors.
 */
class ExplainAttributionTest {
    @TempDir
    static Path dir;

    private static Network network;
    private static Path model;
    private static Dataset test;

    @BeforeAll
    static void saveAModel() throws Exception {
        network = NetworkSpec.parse("784-12-relu-8-relu-10").build(5);
        model = dir.resolve("m.safetensors");
        ModelFiles.save(model, network, Map.of());
        MnistData data = MnistFolder.load(Path.of(System.getProperty("glassbox.data", "../data/mnist")));
        test = data.test();
    }

    private static Explainer explainer() {
        return Explainer.of(network, new SoftmaxCrossEntropy(), KernelChoice.provider());
    }

    /** The CSV's rows after the header, each split into its four cells. */
    private static List<String[]> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("pixel,gradient,gradient×input,integrated");
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    /** Every row holds input i's three values exactly as the engine computed them. */
    private static void assertRowsAre(List<String[]> rows, Attribution expected) {
        float[] gradient = expected.maps().gradient();
        float[] product = expected.maps().gradientTimesInput();
        float[] integrated = expected.maps().integrated();
        assertThat(rows).hasSize(gradient.length);
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            assertThat(row[0]).isEqualTo(Integer.toString(i));
            assertThat(Float.parseFloat(row[1])).as("gradient %d", i).isEqualTo(gradient[i]);
            assertThat(Float.parseFloat(row[2])).as("gradient × input %d", i).isEqualTo(product[i]);
            assertThat(Float.parseFloat(row[3])).as("integrated %d", i).isEqualTo(integrated[i]);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    @Test
    void writesTheEnginesMapsForATestImageAndAnOutput() throws Exception {
        Path out = dir.resolve("index-4");
        CliRun run = CliRun.of("explain", "--attribution", "--model", model.toString(), "--index", "4", "--target",
                "2", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Attribution expected = explainer().attribution(test.input(4), 2);
        assertRowsAre(rows(out.resolve("attribution.csv")), expected);
        Path svg = out.resolve("attribution.svg");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile()); // well-formed
        String figure = Files.readString(svg);
        Attribution.Completeness c = expected.completeness();
        assertThat(figure).contains("Why 2? test image 4 (a " + test.label(4) + ")")
                .contains("add up to " + fmt(c.attributionSum()))
                .contains(" = " + fmt(c.difference()) + ".")
                .contains("with " + c.steps() + " steps along the straight path")
                .contains("#1d4ed8").contains("#dc2626"); // the lab's blue and red
        assertThat(run.out()).contains("Test image 4 (a " + test.label(4) + "): the network answers")
                .contains("Why 2: the integrated gradients add up to " + fmt(c.attributionSum()))
                .contains("Wrote " + out.resolve("attribution.csv")).contains("Wrote " + svg);
    }

    @Test
    void theSampleIsExplainsDefaultAndTheTargetTheAnswer() throws Exception {
        Path out = dir.resolve("defaults");
        CliRun run = CliRun.of("explain", "--attribution", "--model", model.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        int index = 0;
        while (test.label(index) != ExplainCommand.DEFAULT_DIGIT) {
            index++;
        }
        float[] input = test.input(index);
        int answer = explainer().forward(input).predicted();
        assertRowsAre(rows(out.resolve("attribution.csv")), explainer().attribution(input, answer));
        assertThat(run.out()).startsWith("Test image " + index + " (a 3): the network answers " + answer)
                .contains("Why " + answer + ":");
    }

    @Test
    void anImageFileIsPreparedAsPredictPreparesIt() throws Exception {
        BufferedImage image = new BufferedImage(90, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 90, 120);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(12));
        g.drawLine(20, 20, 70, 20);
        g.drawLine(70, 20, 35, 105); // a 7, dark ink on light paper
        g.dispose();
        Path png = dir.resolve("seven.png");
        ImageIO.write(image, "png", png.toFile());

        Path out = dir.resolve("image");
        CliRun run = CliRun.of("explain", "--attribution", "--model", model.toString(), png.toString(), "--target",
                "7", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        byte[] pixels = ImageFolder.loadImage(png, ImageFolder.Options.of(
                ((ModelInputs.Images) ModelInputs.digits()).preparation()));
        assertRowsAre(rows(out.resolve("attribution.csv")), explainer().attribution(Dataset.pixelInputs(pixels), 7));
        assertThat(Files.readString(out.resolve("attribution.svg"))).contains("Why 7? seven.png");
        assertThat(run.out()).startsWith("seven.png: the network answers");
    }

    @Test
    void badChoicesAreOneLineUsageErrors() {
        String out = dir.resolve("bad").toString();
        String m = model.toString();
        assertUsageError(List.of("--attribution", "--model", m, "--target", "10", "--out", out),
                "--target 10: expected one of the model's 10 outputs, by number (0..9) or by class (0, 1, 2");
        assertUsageError(List.of("--attribution", "--model", m, "--target", "cat", "--out", out), "--target cat:");
        assertUsageError(List.of("--attribution", "--model", m, "--index", "10000", "--out", out),
                "--index must be 0..9999");
        assertUsageError(List.of("--attribution", "--model", m, "--index", "2", dir.resolve("x.png").toString(),
                "--out", out), "pick the sample one way: IMAGE, --index, --class or --digit");
        assertUsageError(List.of("--model", m, "--target", "3", "--out", out), "--target goes with --attribution");
        assertUsageError(List.of("--model", m, dir.resolve("x.png").toString(), "--out", out),
                "goes with --attribution");
        assertUsageError(List.of("--attribution", "--augment", "affine", "--out", out),
                "--attribution and --augment draw different figures");
    }

    private static void assertUsageError(List<String> args, String message) {
        String[] all = new String[args.size() + 1];
        all[0] = "explain";
        for (int i = 0; i < args.size(); i++) {
            all[i + 1] = args.get(i);
        }
        CliRun run = CliRun.of(all);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err().lines().findFirst().orElse("")).as("the message, on one line").contains(message);
    }

    @Test
    void aMissingImageIsAnErrorNamingIt() {
        CliRun run = CliRun.of("explain", "--attribution", "--model", model.toString(),
                dir.resolve("none.png").toString(), "--out", dir.resolve("missing").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("none.png");
        assertThat(dir.resolve("missing").resolve("attribution.csv")).doesNotExist();
    }
}
