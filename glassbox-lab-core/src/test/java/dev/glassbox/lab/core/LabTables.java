package dev.glassbox.lab.core;

import dev.glassbox.data.MnistData;
import dev.glassbox.data.Table;
import dev.glassbox.data.TableData;
import dev.glassbox.data.TablePreparation;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/** Small tables for the lab's tests: numbers and a text column, three classes, prepared as train prepares them. */
final class LabTables {
    private LabTables() {}

    /**
     * 90 training and 30 test rows of (a, b, c, colour) → kind: the class is decided by a + b
     * (below −1: low, above 1: high, else mid), colour is noise; 5 inputs (3 numbers, 2 colours).
     */
    static LabData small() {
        Rng random = new Rng(3);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextDouble() * 10;
            String kind = a + b < -1 ? "low" : a + b > 1 ? "high" : "mid";
            rows.add(List.of(Double.toString(a), Double.toString(b), Double.toString(c), i % 2 == 0 ? "red" : "blue",
                    kind));
        }
        List<String> header = List.of("a", "b", "c", "colour", "kind");
        Table train = Table.of("train", header, rows.subList(0, 90));
        Table test = Table.of("test", header, rows.subList(90, 120));
        TablePreparation preparation = TablePreparation.fit(train, TablePreparation.Options.defaults());
        return new LabData(new MnistData(TableData.dataset(preparation, train, "train"),
                TableData.dataset(preparation, test, "test"), "0".repeat(64)),
                new ModelInputs.Table(preparation));
    }

}
