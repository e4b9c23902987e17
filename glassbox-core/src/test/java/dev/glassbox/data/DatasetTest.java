package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.tensor.Matrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class DatasetTest {
    /** Seven 1×2 images: image i has pixels (i, 100 + i) and label i % 3. */
    private static Dataset seven() {
        byte[] pixels = new byte[14];
        byte[] labels = new byte[7];
        for (int i = 0; i < 7; i++) {
            pixels[2 * i] = (byte) i;
            pixels[2 * i + 1] = (byte) (100 + i);
            labels[i] = (byte) (i % 3);
        }
        return Dataset.of("seven", pixels, labels, 1, 2, 3);
    }

    @Test
    void everyTakesEveryStepthSampleFromTheOffset() {
        Dataset shard = seven().every("shard 1 of 3", 1, 3);
        assertThat(shard.size()).isEqualTo(2);
        assertThat(shard.image(0)).containsExactly(1, 101);
        assertThat(shard.image(1)).containsExactly(4, 104);
        assertThat(shard.label(1)).isEqualTo(1);
        assertThat(shard.name()).isEqualTo("shard 1 of 3");
    }

    @Test
    void shardsCoverTheDatasetExactlyOnce() {
        Dataset all = seven();
        int total = 0;
        for (int offset = 0; offset < 3; offset++) {
            total += all.every("s", offset, 3).size();
        }
        assertThat(total).isEqualTo(7);
        assertThat(all.every("one", 0, 1).image(6)).containsExactly(all.image(6));
        assertThat(all.every("none", 0, 8).size()).isEqualTo(1);
        assertThat(all.every("past the end", 7, 9).size()).isZero();
    }

    @Test
    void badShardsAreNamed() {
        assertThatThrownBy(() -> seven().every("s", 3, 3)).hasMessageContaining("0 ≤ offset < step");
        assertThatThrownBy(() -> seven().every("s", 0, 0)).hasMessageContaining("step 0");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(seven());
        }
        Dataset copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (Dataset) in.readObject();
        }
        assertThat(copy.toString()).isEqualTo(seven().toString());
        assertThat(copy.image(5)).containsExactly(5, 105);
        assertThat(copy.label(5)).isEqualTo(2);
    }

    /** Three table rows (r, −r) with classes 0, 1, 0. */
    private static Dataset rows() {
        return Dataset.table("rows", new float[] {0, -0f, 1, -1, 2, -2}, 2, new int[] {0, 1, 0}, 2);
    }

    @Test
    void tableRowsGoIntoBatchesAsTheyAre() {
        Dataset rows = rows();
        Matrix x = Matrix.zeros(2, 2);
        int[] y = new int[2];
        rows.fillBatch(new int[] {2, 1}, 0, 2, x, y);
        assertThat(x.data()).containsExactly(2, -2, 1, -1);
        assertThat(y).containsExactly(0, 1);
        assertThat(rows.isImages()).isFalse();
        assertThat(rows.imageShape()).isNull();
        assertThat(rows.input(1)).containsExactly(1, -1);
        assertThat(rows.classCounts()).containsExactly(2, 1);
        assertThatThrownBy(() -> rows.image(0)).hasMessageContaining("table rows, not images");
        assertThat(rows).hasToString("rows[3 rows of 2 features, 2 classes]");
    }

    @Test
    void regressionTargetsGoIntoTheirOwnBatch() {
        Dataset numbers = Dataset.regression("numbers", new float[] {1, 2, 3}, 1, new float[] {10, 20, 30});
        Matrix t = Matrix.zeros(2, 1);
        numbers.fillTargets(new int[] {2, 0, 1}, 1, 3, t);
        assertThat(t.data()).containsExactly(10, 20);
        assertThat(numbers.isRegression()).isTrue();
        assertThat(numbers.classes()).isZero();
        assertThat(numbers.select("two", new int[] {2, 2}).target(1)).isEqualTo(30);
        assertThatThrownBy(() -> numbers.label(0)).hasMessageContaining("targets, not classes");
        assertThatThrownBy(() -> rows().fillTargets(new int[] {0}, 0, 1, Matrix.zeros(1, 1)))
                .hasMessageContaining("classes, not targets");
        assertThatThrownBy(() -> Dataset.regression("bad", new float[] {1}, 1, new float[] {Float.NaN}))
                .hasMessageContaining("not finite");
    }

    @Test
    void selectionsAndJoinsKeepEverySampleWhole() {
        Dataset rows = rows();
        Dataset picked = rows.select("picked", new int[] {2, 0});
        assertThat(picked.input(0)).containsExactly(2, -2);
        assertThat(picked.label(0)).isZero();
        Dataset joined = picked.concat("joined", rows.slice("last", 1, 3));
        assertThat(joined.size()).isEqualTo(4);
        assertThat(joined.input(2)).containsExactly(1, -1);
        assertThat(joined.label(2)).isEqualTo(1);
        assertThatThrownBy(() -> rows.concat("mixed", seven())).hasMessageContaining("not of the same kind");
        assertThatThrownBy(() -> rows.select("out", new int[] {3})).hasMessageContaining("sample 3 outside");
    }

    @Test
    void colourImagesKeepTheirChannels() {
        byte[] pixels = {(byte) 255, 0, 0, 0, (byte) 255, 0};
        Dataset colour = Dataset.images("colour", pixels, new int[] {1}, new ImageShape(1, 2, 3), 2);
        assertThat(colour.features()).isEqualTo(6);
        assertThat(colour.imageShape()).hasToString("2x1x3");
        assertThat(colour.input(0)).containsExactly(1, 0, 0, 0, 1, 0);
        assertThatThrownBy(() -> Dataset.images("short", pixels, new int[] {0, 1}, new ImageShape(1, 2, 3), 2))
                .hasMessageContaining("2 labels need 12 bytes");
        assertThatThrownBy(() -> new ImageShape(28, 28, 2)).hasMessageContaining("1 (gray) or 3 (RGB)");
    }
}
