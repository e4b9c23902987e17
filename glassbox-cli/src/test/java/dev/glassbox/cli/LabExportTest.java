package dev.glassbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.data.ImageArchive;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.nn.NetworkSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassbox lab --export DIR}: the site's files, and the refusals that leave the user's files
 * as they were. The compiled engine here is a stand-in folder: the web module's tests open real
 * sites in Chromium.
 */
class LabExportTest {
    @TempDir
    Path dir;
    private Path engine;
    private Path model;
    private String before;

    @BeforeEach
    void engineAndModel() throws IOException {
        engine = dir.resolve("web");
        for (String file : List.of("wasm/classes.wasm", "wasm/wasm-gc-runtime.js", "js/classes.js")) {
            Files.createDirectories(engine.resolve(file).getParent());
            Files.writeString(engine.resolve(file), "compiled " + file);
        }
        model = dir.resolve("m.safetensors");
        Files.write(model, ModelCodec.write(NetworkSpec.parse("784-8-relu-10").build(3),
                Map.of("glassbox.loss", "cross-entropy")));
        before = System.getProperty(LabCommand.WEB_DIRECTORY_PROPERTY);
        System.setProperty(LabCommand.WEB_DIRECTORY_PROPERTY, engine.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LabCommand.WEB_DIRECTORY_PROPERTY);
        } else {
            System.setProperty(LabCommand.WEB_DIRECTORY_PROPERTY, before);
        }
    }

    @Test
    void writesThePageTheEngineTheDataTheModelAndWhereTheyAre() throws IOException {
        Path site = dir.resolve("site");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--model", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote the lab as a static site to " + site)
                .contains("python3 -m http.server -d " + site);
        assertThat(site.resolve("index.html")).content().contains("<title>Glassbox lab</title>");
        assertThat(site.resolve("js/engine-worker.js")).isRegularFile();
        assertThat(site.resolve("vendor/chart.umd.min.js")).isRegularFile();
        assertThat(site.resolve("engine/wasm/classes.wasm")).content().isEqualTo("compiled wasm/classes.wasm");
        assertThat(site.resolve("model.safetensors")).hasSameBinaryContentAs(model);
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(site.resolve("site.json")));
        assertThat(json.get("backEnd")).isEqualTo("worker");
        assertThat(json.get("model")).isEqualTo("model.safetensors");
        assertThat(json.get("source")).isEqualTo(model.toString());
        assertThat(json.get("data")).isEqualTo(List.of("data/train-images-idx3-ubyte.gz",
                "data/train-labels-idx1-ubyte.gz", "data/t10k-images-idx3-ubyte.gz", "data/t10k-labels-idx1-ubyte.gz"));
        for (Object file : (List<?>) json.get("data")) {
            assertThat(site.resolve((String) file)).isRegularFile();
        }
    }

    @Test
    void refusesAFolderThatIsNotEmptyAndTouchesNothingInIt() throws IOException {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "mine");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--model", model.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(site + " is not empty");
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(site.resolve("index.html")).content().isEqualTo("mine");
        try (var files = Files.list(site)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void refusesTheFolderBeforeLoadingDataOrTrainingAModel() throws IOException {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--data", dir.resolve("no-such-data").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(site + " is not empty");
        assertThat(run.out()).doesNotContain("training");
    }

    @Test
    void refusesAFileAsTheFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep");
        CliRun run = CliRun.of("lab", "--export", file.toString(), "--model", model.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("exists and is not a folder");
        assertThat(file).content().isEqualTo("keep");
    }

    @Test
    void saysHowToBuildTheEngineWhenItIsMissingAndWritesNothing() throws IOException {
        Files.delete(engine.resolve("js/classes.js"));
        Path site = dir.resolve("site");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--model", model.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the compiled engine is missing").contains("mvn -pl glassbox-web -am package");
        assertThat(site).doesNotExist();
    }

    @Test
    void refusesAModelThatIsNotMnistShapedBeforeWriting() throws IOException {
        Files.write(model, ModelCodec.write(NetworkSpec.parse("100-8-relu-10").build(3), Map.of()));
        Path site = dir.resolve("site");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--model", model.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(site).doesNotExist();
    }

    @Test
    void packsAnImageFoldersImagesIntoAZipTheEngineInThePageReads() throws IOException {
        Path folder = dir.resolve("shapes");
        for (String name : List.of("circle/a.png", "circle/b.png", "circle/more/c.png", "square/a.png", "square/b.png")) {
            Path file = folder.resolve(name);
            Files.createDirectories(file.getParent());
            BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSample(name.length() % 12, 3, 0, 200);
            ImageIO.write(image, "png", file.toFile());
        }
        Files.writeString(folder.resolve("circle/notes.txt"), "not an image");
        Files.writeString(folder.resolve("square/.hidden.png"), "hidden");
        Path site = dir.resolve("site");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--data", folder.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(site.resolve("site.json")));
        assertThat(json.get("images")).isEqualTo("data/shapes.zip");
        assertThat(json.get("skipBad")).isEqualTo(false);
        ImageArchive archive = ImageArchive.read(Files.readAllBytes(site.resolve("data/shapes.zip")), "shapes.zip");
        assertThat(archive.classes().images()).containsExactly("circle/a.png", "circle/b.png", "circle/more/c.png",
                "square/a.png", "square/b.png");
        assertThat(archive.classes().otherFiles()).isEmpty(); // only the images go in
        assertThat(archive.bytes(2)).isEqualTo(Files.readAllBytes(folder.resolve("circle/more/c.png")));
        ModelInputs inputs = ModelInputs.of(ModelCodec.read(Files.readAllBytes(site.resolve("model.safetensors")))
                .metadata());
        assertThat(inputs.classNames()).containsExactly("circle", "square");
    }

    @Test
    void refusesAModelThatReadsOtherClassesBeforeWriting() throws IOException {
        Path folder = dir.resolve("shapes");
        for (String name : List.of("circle/a.png", "square/a.png")) {
            Files.createDirectories(folder.resolve(name).getParent());
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", folder.resolve(name).toFile());
        }
        Path site = dir.resolve("site");
        CliRun run = CliRun.of("lab", "--export", site.toString(), "--data", folder.toString(), "--model",
                model.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.errLines()).isEqualTo(1);
        assertThat(site).doesNotExist();
    }
}
