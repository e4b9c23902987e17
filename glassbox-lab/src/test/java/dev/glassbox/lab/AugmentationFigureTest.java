package dev.glassbox.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.Augmentation;
import dev.glassbox.data.Dataset;
import dev.glassbox.lab.core.Images;
import dev.glassbox.tensor.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The augmented-samples grid: training's own distortions, reproducible from the seed. */
class AugmentationFigureTest {
    private static final Augmentation BOTH = Augmentation.parse("affine+elastic");

    @TempDir
    Path dir;

    /** One 28×28 image as the figure draws it, to find it in the figure's text. */
    private static String drawn(float[] pixels, double x, double y) {
        return new Svg(1, 1).greyImage(x, y, pixels, Images.SIDE, 2).toString().split("\n", 3)[2]
                .replace("</svg>\n", "");
    }

    @Test
    void eachRowIsADigitAsItIsThenTrainingsDistortionsOfIt() throws Exception {
        Dataset test = TestLab.data().test();
        Path file = AugmentationFigure.write(test, BOTH, 7, dir.resolve("figures/augmented.svg"));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()); // well-formed
        String svg = Files.readString(file);
        assertThat(svg).contains("augmentation: " + BOTH);

        // The first row: test image 0 as it is, then the first distortion seed 7 draws, as training would.
        assertThat(svg).contains(drawn(Images.toInput(test.image(0)), 40, 44));
        float[] distorted = new float[Images.PIXELS];
        BOTH.distort(test, 0, new Rng(7), distorted, 0);
        assertThat(svg).contains(drawn(distorted, 40 + 56 + 8 + 8, 44));
        assertThat(distorted).isNotEqualTo(Images.toInput(test.image(0)));

        int images = svg.split("width=\"56.00\" height=\"56.00\" fill=\"#000000\"", -1).length - 1;
        assertThat(images).isEqualTo(AugmentationFigure.ROWS * (AugmentationFigure.DISTORTIONS + 1));
        assertThat(AugmentationFigure.draw(test, BOTH, 7).toString()).as("same seed, same figure").isEqualTo(svg);
        assertThat(AugmentationFigure.draw(test, BOTH, 8).toString()).isNotEqualTo(svg);
    }

    @Test
    void withoutAugmentationEveryColumnIsTheImageItself() {
        Dataset test = TestLab.data().test();
        String svg = AugmentationFigure.draw(test, Augmentation.NONE, 1).toString();
        String original = drawn(Images.toInput(test.image(0)), 0, 0);
        float[] same = new float[Images.PIXELS];
        Augmentation.NONE.distort(test, 0, new Rng(1), same, 0);
        assertThat(drawn(same, 0, 0)).isEqualTo(original);
        assertThat(svg).contains("augmentation: none");
    }
}
