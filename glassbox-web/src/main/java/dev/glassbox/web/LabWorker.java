package dev.glassbox.web;

import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImageArchive;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.lab.core.Body;
import dev.glassbox.lab.core.CurrentModel;
import dev.glassbox.lab.core.DefaultTraining;
import dev.glassbox.lab.core.LabData;
import dev.glassbox.lab.core.LabModels;
import dev.glassbox.lab.core.LabTraining;
import dev.glassbox.lab.core.LandscapeAnswers;
import dev.glassbox.lab.core.ModelAnswers;
import dev.glassbox.lab.core.Provenance;
import dev.glassbox.lab.core.Snapshot;
import dev.glassbox.lab.core.TrainSettings;
import dev.glassbox.loss.Loss;
import dev.glassbox.nn.NetworkSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lab inside the page's worker: the model on show, its answers ({@link ModelAnswers}) and its
 * training ({@link LabTraining}), the same Java as the lab server's, so the panels get the server's
 * JSON. The worker's event loop drives training: {@link #train} runs batches for a slice of time
 * and returns, so that a Pause sent meanwhile is read before the next slice.
 */
final class LabWorker {
    /** What the page's panels are told computes their numbers. */
    static final String KERNELS = "tiled (in the browser)";
    /** How often, while training, the page gets a new snapshot to show. */
    private static final long PUBLISH_NANOS = 250_000_000L;

    private LabData data;
    private CurrentModel model;
    private ModelAnswers answers;
    private LabTraining training;
    private LandscapeAnswers landscape;
    private String version = "";
    private final List<Object> events = new ArrayList<>();
    private boolean running;
    private int pace;
    private long lastPublish;
    private PageImages loading;
    private String loadingFailure;
    private long loadingSeed;
    private byte[] loadingModel;
    private String loadingSource;

    /**
     * Shows the model in {@code safetensors} (as {@link ModelCodec} writes it) with {@code data}'s
     * test set, and trains on its training set.
     *
     * @param source where the model came from, in words
     * @param glassboxVersion the version recorded in what the page trains
     */
    void open(MnistData mnist, byte[] safetensors, String source, String glassboxVersion) {
        data = LabData.mnist(mnist);
        version = glassboxVersion;
        show(safetensors, source);
    }

    /**
     * Shows the model in {@code safetensors}, trained on a table, with the table {@code csv}: its
     * rows split and prepared as {@code glassbox lab --data} does ({@link LabData#table}).
     *
     * @param name the table's file name, for messages
     * @throws IllegalArgumentException if the model was not trained on a table, or the table does not fit it
     */
    void openTable(byte[] csv, String name, byte[] safetensors, String source, String glassboxVersion) {
        ModelInputs inputs = ModelInputs.of(ModelCodec.read(safetensors).metadata());
        if (!(inputs instanceof ModelInputs.Table table)) {
            throw new IllegalArgumentException("the model reads images, not the columns of " + name);
        }
        data = LabData.table(CsvText.table(csv, name), table.preparation(),
                LabData.splitSeed(ModelCodec.read(safetensors).metadata()));
        version = glassboxVersion;
        show(safetensors, source);
    }

    /**
     * Shows the table {@code csv} the user opened in the page, split and prepared as
     * {@code glassbox lab --data} does: with the preparation of the model on show when it reads
     * these columns (the model stays), else prepared anew for a new network with random weights.
     *
     * @param name the file's name, for messages
     * @return JSON text as {@link #answer} gives it: the result says what was opened
     */
    String openTableFile(byte[] csv, String name) {
        return reply(() -> {
            dev.glassbox.data.Table table = CsvText.table(csv, name);
            LabData opened = null;
            Map<String, String> metadata = model == null ? Map.of() : model.snapshot().metadata();
            if (model != null && ModelInputs.of(metadata) instanceof ModelInputs.Table read) {
                try {
                    opened = LabData.table(table, read.preparation(), LabData.splitSeed(metadata));
                } catch (DatasetException e) {
                    opened = null; // other columns: a new network reads them
                }
            }
            return switchTo(opened != null ? opened : LabData.table(table), name, null, null);
        });
    }

    /**
     * Starts opening the zip of an image folder: lists its images and classes, and chooses how
     * they are prepared — as {@code safetensors}' model reads images when one is given (the site's
     * model), else as the model on show does if it knows these classes, else 28×28 grey for a new
     * network. The page then decodes each image ({@link #imageBytes}, {@link #imageAdd} or
     * {@link #imageBad}) and ends with {@link #imagesFinish}.
     *
     * @param safetensors the model to show with the images, or empty to keep or replace the one on show
     * @param skipBad whether images the browser cannot decode are left out rather than refused
     * @return JSON text: {@code {"result": {"images": n, "classes": […], "preparation": "28x28 grey"}}} or an error
     */
    String imagesBegin(byte[] zip, String name, byte[] safetensors, String source, boolean skipBad) {
        return reply(() -> {
            if (model == null && safetensors.length == 0) {
                throw new IllegalStateException("lab: the first images need the site's model");
            }
            loading = null;
            loadingFailure = null;
            ImageArchive archive = ImageArchive.read(zip, name);
            List<String> classes = archive.classes().classes();
            ImagePreparation preparation = ImagePreparation.grey(28, 28);
            Map<String, String> metadata = safetensors.length > 0 ? ModelCodec.read(safetensors).metadata()
                    : model != null ? model.snapshot().metadata() : null;
            ModelInputs reads = metadata == null ? null : ModelInputs.of(metadata);
            loadingSeed = LabData.SPLIT_SEED;
            if (reads instanceof ModelInputs.Images images && images.classNames().equals(classes)) {
                preparation = images.preparation();
                loadingSeed = LabData.splitSeed(metadata); // the model's own test images
            } else if (safetensors.length > 0) {
                throw new DatasetException(name + ": its classes " + classes + " are not those the model reads ("
                        + (reads instanceof ModelInputs.Images images ? images.classNames().toString() : "a table")
                        + ")");
            }
            loading = new PageImages(archive, name, preparation, skipBad);
            loadingModel = safetensors.length > 0 ? safetensors : null;
            loadingSource = source;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("images", archive.size());
            result.put("classes", classes);
            result.put("preparation", preparation.toString());
            return result;
        });
    }

    /**
     * Image {@code i}'s file bytes for the browser to decode; empty when it is left out, or when
     * it is refused ({@link #imagesFailure} then says why).
     */
    byte[] imageBytes(int i) {
        return guardedImages(() -> images().bytes(i), new byte[0]);
    }

    /** Prepares image {@code i} from the pixels the browser decoded: {@code width × height} RGBA bytes. */
    void imageAdd(int i, byte[] rgba, int width, int height) {
        guardedImages(() -> {
            images().add(i, rgba, width, height);
            return null;
        }, null);
    }

    /** The browser could not decode image {@code i}: it is left out, or refused ({@link #imagesFailure}). */
    void imageBad(int i, String reason) {
        guardedImages(() -> {
            images().bad(i, reason);
            return null;
        }, null);
    }

    /** Why opening the images failed, or the empty string while it goes well: the page stops at once. */
    String imagesFailure() {
        return loadingFailure == null ? "" : loadingFailure;
    }

    /** Runs a step of opening images; its failure is kept for the page, which reads no exceptions. */
    private <T> T guardedImages(java.util.function.Supplier<T> step, T otherwise) {
        if (loadingFailure != null) {
            return otherwise;
        }
        try {
            return step.get();
        } catch (RuntimeException | OutOfMemoryError e) {
            loadingFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            return otherwise;
        }
    }

    /**
     * Shows the images opened since {@link #imagesBegin}, with the site's model or as
     * {@link #openTableFile} keeps or replaces the model on show.
     *
     * @return JSON text as {@link #answer} gives it: the result says what was opened
     */
    String imagesFinish() {
        return reply(() -> {
            PageImages images = images();
            loading = null;
            if (loadingFailure != null) {
                throw new DatasetException(loadingFailure);
            }
            LabData opened = LabData.images(images.dataset(), images.inputs(), loadingSeed);
            Map<String, Object> result = switchTo(opened, images.name(), loadingModel, loadingSource);
            result.put("skipped", images.skipped());
            return result;
        });
    }

    private PageImages images() {
        if (loading == null) {
            throw new IllegalStateException("lab: no zip of images is being opened");
        }
        return loading;
    }

    /**
     * Makes {@code opened} the lab's data, with {@code given}'s model, or the model on show if it
     * reads this data, or else a new network of the default shape with random weights. Training
     * and its curves start again.
     */
    private Map<String, Object> switchTo(LabData opened, String name, byte[] given, String givenSource) {
        byte[] bytes;
        String source;
        boolean kept = false;
        if (given != null) {
            bytes = given;
            source = givenSource;
        } else if (model != null && readable(opened)) {
            Snapshot snapshot = model.snapshot();
            bytes = ModelCodec.write(snapshot.network(), snapshot.metadata());
            source = snapshot.source();
            kept = true;
        } else {
            NetworkSpec spec = DefaultTraining.spec(opened);
            Map<String, String> metadata = Provenance.of(version, spec,
                    DefaultTraining.config(opened, DefaultTraining.epochs(opened)), opened, 0, Double.NaN);
            bytes = ModelCodec.write(spec.build(1), metadata);
            source = "new random weights";
        }
        LabModels.read(bytes, opened); // refuses before anything changes
        if (training != null) {
            training.closeRun();
        }
        data = opened;
        model = null; // new data: a new model on show, new answers, a new training history
        show(bytes, source);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("train", opened.train().size());
        result.put("test", opened.test().size());
        result.put("samples", opened.samples());
        result.put("name", name);
        result.put("classes", opened.inputs().classNames().size());
        result.put("spec", model.snapshot().network().spec().toString());
        result.put("kept", kept);
        return result;
    }

    private boolean readable(LabData opened) {
        Snapshot snapshot = model.snapshot();
        try {
            opened.requireReadable(snapshot.network(), snapshot.metadata());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Sets the Glassbox version recorded in what the page trains, before the first data opens. */
    void version(String glassboxVersion) {
        version = glassboxVersion;
    }

    /** Makes the model in {@code safetensors} the one on show; training goes on from it. */
    private void show(byte[] safetensors, String source) {
        SavedModel saved = LabModels.read(safetensors, data);
        Loss loss = LabModels.loss(saved);
        running = false;
        if (model == null) {
            model = new CurrentModel(saved.network(), loss, source, saved.metadata(), Workspace.KERNELS);
            answers = new ModelAnswers(model::snapshot, data, KERNELS);
            training = new LabTraining(model, data, Workspace.KERNELS, version, (event, payload) -> events.add(
                    Map.of("event", event, "data", payload)));
            LabTraining shown = training;
            landscape = new LandscapeAnswers(model::snapshot, shown::path, data, Workspace.KERNELS,
                    LandscapeAnswers.sequential(Workspace.KERNELS));
        } else {
            training.show(saved.network(), loss, source, saved.metadata());
        }
    }

    /** Runs {@code work} into a reply: {@code {"result": …}} or {@code {"error": "…"}}, with the events. */
    private String reply(java.util.function.Supplier<Object> work) {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            reply.put("result", work.get());
        } catch (RuntimeException | OutOfMemoryError e) {
            reply.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return withEvents(reply);
    }

    /**
     * The answer to {@code method} ({@code get} or {@code post}) {@code route} with {@code payload}
     * (the query as a JSON object of strings, or the body), as JSON text: {@code {"result": …}}, or
     * {@code {"error": "…"}} with the reason a request was refused; either with the training
     * events it caused, {@code "events": [{"event", "data"}, …]}.
     */
    String answer(String method, String route, String payload) {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            if (answers == null) {
                throw new IllegalStateException("lab: no model open");
            }
            Body body = Body.parse(payload);
            reply.put("result", switch (method) {
                case "get" -> get(route, body);
                case "post" -> post(route, body);
                default -> throw new IllegalArgumentException("lab: expected get or post, got " + method);
            });
        } catch (RuntimeException e) {
            reply.put("error", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        return withEvents(reply);
    }

    private Object get(String route, Body query) {
        return switch (route) {
            case "train" -> training.status().toJson();
            case "train/history" -> training.history();
            case "model" -> {
                Snapshot snapshot = model.snapshot();
                yield Map.of("source", snapshot.source(), "version", snapshot.version(), "metadata",
                        new TreeMap<>(snapshot.metadata()));
            }
            default -> answers.get(route, query.texts());
        };
    }

    private Object post(String route, Body body) {
        switch (route) {
            case "train/start" -> {
                if (running) {
                    throw new IllegalStateException("train: already training; Pause first, then Start with the new"
                            + " settings");
                }
                TrainSettings settings = TrainSettings.from(body, data);
                guarded(() -> {
                    training.prepare(settings);
                    running = true;
                    pace = settings.pace();
                    lastPublish = System.nanoTime();
                    training.setStatus("running", "Training…");
                });
            }
            case "train/pause" -> {
                if (running) {
                    running = false;
                    guarded(() -> {
                        training.flush();
                        training.publish();
                        training.setStatus("paused", "Paused.");
                    });
                }
            }
            case "train/step" -> {
                TrainSettings settings = TrainSettings.from(body, data);
                running = false;
                guarded(() -> {
                    training.prepare(settings);
                    boolean more = training.step();
                    training.setStatus(more ? "paused" : "finished", more ? "One batch trained." : "The run is over.");
                    training.flush();
                    training.publish();
                });
            }
            case "train/reset" -> {
                TrainSettings settings = TrainSettings.from(body, data);
                running = false;
                guarded(() -> {
                    training.rebuild(settings);
                    training.setStatus("ready", "A new network with random weights.");
                    training.publish();
                });
            }
            case "landscape" -> {
                return landscape.answer(body);
            }
            default -> {
                return answers.post(route, body);
            }
        }
        return Map.of("accepted", true);
    }

    /**
     * Trains for about {@code millis} (one batch at most when a pace is set), publishing a snapshot
     * now and then, and returns the events as JSON text: {@code {"running": …, "delay": ms before
     * the next call, "events": […]}}.
     */
    String train(double millis) {
        Map<String, Object> reply = new LinkedHashMap<>();
        if (running) {
            long start = System.nanoTime();
            guarded(() -> {
                boolean more = true;
                do {
                    more = training.step();
                    if (System.nanoTime() - lastPublish >= PUBLISH_NANOS) {
                        training.flush();
                        training.publish();
                        lastPublish = System.nanoTime();
                    }
                } while (more && pace == 0 && (System.nanoTime() - start) / 1e6 < millis);
                if (!more) {
                    running = false;
                    training.flush();
                    training.publish();
                    int epochs = training.epochs();
                    training.setStatus("finished", "Done: " + epochs + (epochs == 1 ? " epoch." : " epochs."));
                }
            });
        }
        reply.put("running", running);
        reply.put("delay", running && pace > 0 ? 1000.0 / pace : 0.0);
        return withEvents(reply);
    }

    /** The current model as a safetensors file, with what it records about how it was made. */
    byte[] modelFile() {
        Snapshot snapshot = model.snapshot();
        return ModelCodec.write(snapshot.network(), snapshot.metadata());
    }

    /**
     * Opens the model in {@code safetensors}, chosen by the user, as the one on show.
     *
     * @return JSON text as {@link #answer} gives it
     */
    String openModel(byte[] safetensors, String name, String layers, String normalize) {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            SavedModel opened = LabModels.read(safetensors, data, LabModels.options(layers, normalize));
            show(ModelCodec.write(opened.network(), opened.metadata()), name);
            Snapshot snapshot = model.snapshot();
            reply.put("result", Map.of("spec", snapshot.network().spec().toString(), "parameters",
                    snapshot.network().parameterCount(), "version", snapshot.version()));
        } catch (RuntimeException e) {
            reply.put("error", name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return withEvents(reply);
    }

    /** Runs a training command; whatever fails ends in the state {@code error}, as on the server. */
    private void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException | OutOfMemoryError e) {
            running = false;
            training.closeRun();
            training.setStatus("error", LabTraining.reason(e));
        }
    }

    private String withEvents(Map<String, Object> reply) {
        reply.put("events", List.copyOf(events));
        events.clear();
        return Json.write(reply);
    }
}
