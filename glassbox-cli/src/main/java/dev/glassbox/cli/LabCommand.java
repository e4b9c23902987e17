package dev.glassbox.cli;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.jvm.Glassbox;
import dev.glassbox.jvm.data.MnistFolder;
import dev.glassbox.jvm.io.ModelFiles;
import dev.glassbox.lab.DefaultModel;
import dev.glassbox.lab.LabModel;
import dev.glassbox.lab.LabServer;
import dev.glassbox.lab.LabSettings;
import dev.glassbox.lab.SaveTarget;
import dev.glassbox.lab.StaticSite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code glassbox lab}: the network, its activations, its training and its gradients in a local web page. */
@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Starts the lab, a local web page showing the network: draw a digit and watch every layer respond,"
                    + " train live, step through backpropagation on one example, find what the model confuses.",
            "Opens --model, else model.safetensors if it exists, else trains the classic 784-16-16-10 network for a"
                    + " few seconds. Prints the address and runs until Ctrl-C.",
            "With --data FILE.csv or a folder of class subfolders of images: shows that data, and opens --model if"
                    + " it was trained on it, else trains a network with two hidden layers of 16 on it."
        })
final class LabCommand implements Callable<Integer> {
    static final Path DEFAULT_MODEL = Path.of("model.safetensors");

    @Mixin
    Verbosity verbosity;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    PreparationOptions preparation;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "A model saved by glassbox train or by the lab, an ONNX model (.onnx), or a PyTorch"
                    + " state_dict saved as safetensors (with --layers). Default: model.safetensors if it exists,"
                    + " else a new 784-16-16-10 network trained at start-up.")
    Path model;

    @Mixin
    ImportOptions importOptions;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = LabSettings.LOOPBACK,
            description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--allow-remote",
            description = "Allow a --host other machines can reach. The lab has no login: anyone who reaches it can"
                    + " train, save and read the model.")
    boolean allowRemote;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "Also answer pages that reach the lab by this name (repeatable), e.g. a name of this"
                    + " machine that others use. Without it, only the addresses the lab listens on (and localhost,"
                    + " on loopback) are answered, so no other site can point its own name at the lab.")
    List<String> allowedHosts = new ArrayList<>();

    @Option(names = "--save", paramLabel = "FILE",
            description = "The file the page's Save button writes: a regular file or a new one. Default: the --model"
                    + " file, else model.safetensors.")
    Path save;

    @Option(names = "--export", paramLabel = "DIR",
            description = "Instead of serving, write the lab as a static site to DIR (a new or empty folder): the"
                    + " page, the engine compiled to WebAssembly (JavaScript where a browser lacks it), the data"
                    + " (MNIST, the --data table, or the --data folder's images in a zip) and the model. Any web server"
                    + " serves it, e.g. python3 -m http.server -d DIR; the page trains in the browser, and opens"
                    + " other tables and zips of image folders the user picks.")
    Path export;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Serves until Ctrl-C, or until the calling thread is interrupted (how an embedding program stops it). */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (export != null) {
            return export(out, err);
        }
        Path saveTo = save != null ? save : model != null ? model : DEFAULT_MODEL;
        LabSettings settings = UsageException.wrap(() -> new LabSettings(host, port, allowRemote, allowedHosts,
                saveTo));
        SaveTarget.check(saveTo); // before the data loads and the model trains: nothing is touched
        if (model != null && !Files.exists(model)) {
            throw new IllegalArgumentException(model + ": no such model file. Train one with ./glassbox train, or"
                    + " leave out --model to start with a new network.");
        }
        LabData data = labData(out, err);
        LabModel start = startingModel(data, out, err);
        boolean interrupted = false;
        try {
            try (LabServer server = LabServer.start(start, data, settings)) {
                out.println("Glassbox lab: " + server.uri());
                out.println("Showing " + start.network().spec() + " (" + start.source() + "). Press Ctrl-C to stop.");
                out.flush();
                Thread hook = new Thread(this::stopAndWait, "glassbox-lab-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    interrupted = true; // the server stops cleanly only with the flag clear; set again below
                } finally {
                    removeHook(hook);
                }
            }
        } finally {
            closed.countDown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /** The property the launcher sets to the compiled engine's folder (glassbox-web's target/web). */
    static final String WEB_DIRECTORY_PROPERTY = "glassbox.web.directory";

    private Integer export(PrintWriter out, PrintWriter err) {
        String engine = System.getProperty(WEB_DIRECTORY_PROPERTY);
        if (engine == null) {
            throw new IllegalArgumentException("lab --export: the compiled engine's folder is unknown; run it through"
                    + " ./glassbox, which builds the engine, or set -D" + WEB_DIRECTORY_PROPERTY + "=glassbox-web/target/web");
        }
        if (dataOptions.testData != null) {
            throw new UsageException("lab --export: the page draws its test rows from --data itself; leave out --test-data");
        }
        StaticSite.check(export); // before the data loads and a model trains: nothing is touched
        if (model != null && !Files.exists(model)) {
            throw new IllegalArgumentException(model + ": no such model file. Train one with ./glassbox train, or"
                    + " leave out --model to export a new network.");
        }
        if (dataOptions.isTable() || dataOptions.isImageFolder()) {
            return exportOwnData(Path.of(engine), out, err);
        }
        Path folder = dataOptions.resolve(err);
        MnistData data = MnistFolder.load(folder);
        LabData shown = LabData.mnist(data);
        LabModel start = startingModel(shown, out, err);
        shown.requireReadable(start.network(), start.metadata()); // before anything is written
        byte[] bytes = ModelCodec.write(start.network(), start.metadata());
        StaticSite.Written written = StaticSite.write(export, Path.of(engine),
                new StaticSite.Data(MnistFolder.locate(folder), data.sha256()),
                new StaticSite.Model(bytes, start.source()), Glassbox.version());
        printWritten(out, written, start);
        return Main.OK;
    }

    /**
     * The site for a table or an image folder: the CSV file as given, or the folder's images packed
     * in a zip, which the page's engine splits and prepares as this lab does.
     */
    private Integer exportOwnData(Path engine, PrintWriter out, PrintWriter err) {
        LabData shown = labData(out, err);
        LabModel start = startingModel(shown, out, err);
        shown.requireReadable(start.network(), start.metadata()); // before anything is written
        byte[] bytes = ModelCodec.write(start.network(), start.metadata());
        StaticSite.Model model = new StaticSite.Model(bytes, start.source());
        StaticSite.Written written = dataOptions.isTable()
                ? StaticSite.write(export, engine, new StaticSite.TableData(Path.of(dataOptions.data)), model,
                        Glassbox.version())
                : StaticSite.write(export, engine, new StaticSite.ImageData(Path.of(dataOptions.data),
                        preparation.skipBad), model, Glassbox.version());
        printWritten(out, written, start);
        return Main.OK;
    }

    private void printWritten(PrintWriter out, StaticSite.Written written, LabModel start) {
        out.printf(Locale.ROOT, "Wrote the lab as a static site to %s: %d files, %.1f MB, showing %s (%s).%n", export,
                written.files(), written.bytes() / 1e6, start.network().spec(), start.source());
        out.println("Serve it with any web server, e.g.: python3 -m http.server -d " + export
                + "   then open http://localhost:8000/");
    }

    /** Ctrl-C: asks the serving thread to stop, and gives it a moment to end training and close the server. */
    private void stopAndWait() {
        stop.countDown();
        try {
            closed.await(CLOSE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final long CLOSE_SECONDS = 10;

    /**
     * The lab's data: MNIST-layout data; or a table or image folder, read as --model reads it when
     * one is given, else prepared anew for the default network.
     */
    private LabData labData(PrintWriter out, PrintWriter err) {
        boolean own = dataOptions.isTable() || dataOptions.isImageFolder();
        UserData loaded;
        if (own && model != null) {
            Map<String, String> metadata = ModelFiles.load(model, importOptions.options()).metadata();
            // The model's own test split, so that the test samples shown are ones it never trained on.
            loaded = dataOptions.loadForModel(ModelInputs.of(metadata), preparation, LabData.splitSeed(metadata), out,
                    err);
        } else {
            loaded = dataOptions.loadForTraining(preparation, LabData.SPLIT_SEED, out, err);
        }
        return new LabData(loaded.data(), loaded.inputs());
    }

    private LabModel startingModel(LabData data, PrintWriter out, PrintWriter err) {
        boolean own = dataOptions.isTable() || dataOptions.isImageFolder();
        // model.safetensors here is for MNIST-layout data unless named: the user's own data starts anew
        Path file = model != null ? model : !own && Files.exists(DEFAULT_MODEL) ? DEFAULT_MODEL : null;
        if (file != null) {
            SavedModel saved = ModelFiles.load(file, file == model ? importOptions.options()
                    : dev.glassbox.io.ModelFormats.Options.NONE);
            return new LabModel(saved.network(), ModelOption.loss(saved), file.toString(), saved.metadata());
        }
        out.println((own ? "Training " : "No " + DEFAULT_MODEL + " here: training the classic ") + DefaultModel.spec(data)
                + " network for a few seconds. Open another with --model FILE.");
        return DefaultModel.train(data, new ProgressReporter(out, err));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook has run.
        }
    }
}
