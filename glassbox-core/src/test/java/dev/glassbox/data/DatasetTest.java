package dev.glassbox.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
