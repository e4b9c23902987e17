package dev.glassbox.cli;

import dev.glassbox.data.Table;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.loss.Loss;
import dev.glassbox.tensor.Matrix;
import dev.glassbox.train.Inference;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code predict} for a model trained on a table: each row of each CSV file, prepared as in
 * training, through the network, written as CSV — the row's number (from 1, under the header),
 * its label if the file has that column, and the prediction: a class with its probability and
 * every class's probability, or a number in the label's units.
 */
final class TablePredictions {
    private TablePredictions() {}

    static int write(SavedModel saved, TablePreparation preparation, List<Path> files, PrintWriter out,
            PrintWriter err) {
        boolean regression = preparation.task() == TablePreparation.Task.REGRESSION;
        Loss loss = ModelOption.loss(saved);
        List<Table> tables = new ArrayList<>();
        for (Path file : files) {
            tables.add(CsvFiles.read(file)); // all read first: a bad file stops before any output
        }
        boolean labelled = tables.stream().allMatch(t -> t.header().contains(preparation.label()));
        boolean several = files.size() > 1;
        List<String> header = new ArrayList<>();
        if (several) {
            header.add("file");
        }
        header.add("row");
        if (labelled) {
            header.add(preparation.label());
        }
        header.add("predicted");
        if (!regression) {
            header.add("probability");
            for (String name : preparation.classNames()) {
                header.add("p(" + name + ")");
            }
        }
        Kernels kernels = KernelChoice.create(1); // one thread starts no worker: nothing to close
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get());
            csv.printRecord(header);
            for (int f = 0; f < tables.size(); f++) {
                Table table = tables.get(f);
                TablePreparation.Prepared rows = preparation.apply(table, false);
                int labelColumn = labelled ? table.column(preparation.label()) : -1;
                for (int from = 0; from < rows.rows(); from += Inference.BATCH) {
                    int to = Math.min(rows.rows(), from + Inference.BATCH);
                    float[] x = new float[(to - from) * rows.inputs()];
                    System.arraycopy(rows.x(), from * rows.inputs(), x, 0, x.length);
                    Matrix outputs = saved.network().predict(Matrix.wrap(to - from, rows.inputs(), x), kernels);
                    Matrix probabilities = regression ? null : Matrix.zeros(outputs.rows(), outputs.cols());
                    if (!regression) {
                        loss.probabilities(outputs, probabilities);
                    }
                    for (int r = 0; r < to - from; r++) {
                        int source = rows.sourceRows()[from + r];
                        List<Object> record = new ArrayList<>();
                        if (several) {
                            record.add(files.get(f));
                        }
                        record.add(source + 1);
                        if (labelled) {
                            record.add(table.cell(source, labelColumn).strip());
                        }
                        if (regression) {
                            record.add(Scores.number(preparation.target(outputs.get(r, 0)), 6));
                        } else {
                            int best = Inference.argmax(probabilities, r);
                            record.add(preparation.classNames().get(best));
                            record.add(fixed(probabilities.get(r, best)));
                            for (int c = 0; c < probabilities.cols(); c++) {
                                record.add(fixed(probabilities.get(r, c)));
                            }
                        }
                        csv.printRecord(record);
                    }
                }
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Main.OK;
    }

    private static String fixed(float probability) {
        return String.format(Locale.ROOT, "%.4f", probability);
    }
}
