package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Split;
import dev.glassbox.data.Table;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.tensor.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user's own table from {@code train} to {@code evaluate}, {@code predict} and {@code info}:
 * the shipped Iris and Wine tables against a logistic regression on the same split, and a
 * regression against the exact least-squares fit.
 */
@Tag("slow")
class TableTrainingTest {
    private static final Path DATA = Path.of("..", "data");

    @TempDir
    Path dir;

    /**
     * With every default — the test set drawn as {@code train} draws it (a fifth, stratified, seed
     * 1), which the test draws again for the baseline.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"iris.csv", "wine.csv"})
    void classifiesAtLeastAsWellAsALogisticRegressionOnTheSameSplit(String name) {
        Path data = DATA.resolve(name);
        Path model = dir.resolve("model.safetensors");
        CliRun run = CliRun.of("train", "--data", data.toString(), "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Table table = CsvFiles.read(data);
        int label = table.columns() - 1;
        Split split = Split.stratified(table.groups(label), PreparationOptions.DEFAULT_TEST_FRACTION, 1);
        assertThat(run.out()).contains("3 classes").contains("test set: " + split.second().length + " rows drawn with"
                + " seed 1, stratified by class");
        int rows = split.second().length;
        long errors = Long.parseLong(find("\\(([0-9]+) errors of " + rows + "\\)", run.out()));
        double baseline = LogisticRegression.accuracy(table.select("train", split.first()),
                table.select("test", split.second()), label);
        long baselineErrors = Math.round((1 - baseline) * rows);
        System.out.printf(Locale.ROOT, "TableTrainingTest %s: Glassbox %d errors, logistic regression %d, of %d test"
                + " rows%n", name, errors, baselineErrors, rows);
        assertThat(errors).isLessThanOrEqualTo(baselineErrors);
        double accuracy = 1 - (double) errors / rows;

        Path test = write(table, split.second(), "test.csv");
        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains(String.format(Locale.ROOT, "Accuracy: %.2f %%", 100 * accuracy))
                .contains("Confusion matrix");
    }

    @Test
    void aRegressionFitsAsWellAsLeastSquares() throws IOException {
        Path train = linearTable("train.csv", 600, 1);
        Path test = linearTable("test.csv", 300, 2);
        Path model = dir.resolve("line.safetensors");
        CliRun run = CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(), "--out",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("regression");
        double r2 = Double.parseDouble(find("R² (-?[0-9.]+)", run.out()));
        double exact = LeastSquares.r2(CsvFiles.read(train), CsvFiles.read(test));
        System.out.printf(Locale.ROOT, "TableTrainingTest regression: Glassbox R² %.4f, least squares %.4f%n", r2, exact);
        assertThat(r2).isGreaterThan(exact - 0.01);

        CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", test.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("RMSE: ").contains(String.format(Locale.ROOT, "R² %.4f", r2))
                .doesNotContain("Confusion");

        CliRun predict = CliRun.of("predict", "--model", model.toString(), test.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,y,predicted");
        assertThat(lines).hasSize(301);
        String[] first = lines.get(1).split(",");
        assertThat(Double.parseDouble(first[2])).isCloseTo(Double.parseDouble(first[1]), org.assertj.core.api.Assertions.within(2.0));
    }

    @Test
    void predictReadsRowsWithOrWithoutTheLabelAndInfoShowsThePreparation() throws IOException {
        Path model = dir.resolve("iris.safetensors");
        CliRun run = CliRun.of("train", "--data", DATA.resolve("iris.csv").toString(), "--epochs", "30", "--out",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "petal_width,petal_length,sepal_width,sepal_length\n0.2,1.4,3.5,5.1\n2.3,5.9,3.0,6.8\n");

        CliRun predict = CliRun.of("predict", "--model", model.toString(), rows.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).containsExactly(
                "row,predicted,probability,p(setosa),p(versicolor),p(virginica)",
                predict.out().lines().skip(1).filter(l -> l.startsWith("1,setosa,")).findFirst().orElse("1: not setosa"),
                predict.out().lines().skip(1).filter(l -> l.startsWith("2,virginica,")).findFirst().orElse("2: not virginica"));

        CliRun info = CliRun.of("info", "--model", model.toString());
        assertThat(info.out()).contains("sepal_length: number, standardised with mean")
                .contains("Predicts species, one of 3 classes: setosa, versicolor, virginica")
                .doesNotContain("glassbox.table =");
        SavedModel saved = ModelFiles.load(model);
        assertThat(saved.metadata()).containsKey("glassbox.table").doesNotContainKey("glassbox.image_shape");

        CliRun noData = CliRun.of("evaluate", "--model", model.toString());
        assertThat(noData.exitCode()).isNotZero();
        assertThat(noData.err()).contains("trained on a table: pass --data FILE.csv");
    }

    private Path write(Table table, int[] rows, String name) {
        StringBuilder csv = new StringBuilder(String.join(",", table.header())).append('\n');
        for (int r : rows) {
            List<String> cells = new ArrayList<>();
            for (int c = 0; c < table.columns(); c++) {
                cells.add(table.cell(r, c));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    /** y = 3a − 0.5b + (1 | 0 | −2 by colour) + 10 + noise(σ = 0.5): linear in the one-hot inputs. */
    private Path linearTable(String name, int rows, long seed) throws IOException {
        Rng random = new Rng(seed);
        String[] colours = {"red", "green", "blue"};
        double[] shift = {1, 0, -2};
        StringBuilder csv = new StringBuilder("a,b,colour,y\n");
        for (int i = 0; i < rows; i++) {
            double a = random.nextDouble() * 6 - 3;
            double b = random.nextDouble() * 10;
            int c = random.nextInt(3);
            double y = 3 * a - 0.5 * b + shift[c] + 10 + 0.5 * random.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%.4f%n", a, b, colours[c], y));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, csv);
        return file;
    }

    private static String find(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }
}
