package dev.glassbox.lab;

import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.ModelFileException;
import dev.glassbox.io.SavedModel;
import dev.glassbox.lab.core.LabModels;
import dev.glassbox.lab.core.Snapshot;
import dev.glassbox.lab.core.TrainSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Train live and Your model: training commands, their event stream, and saving. */
final class TrainingRoutes {
    private final Lab lab;

    TrainingRoutes(Lab lab) {
        this.lab = lab;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/train", ctx -> AnswerRoutes.send(ctx, lab.training().status().toJson()));
        routes.post("/api/train/start", ctx -> command(ctx, () -> lab.training().start(settings(ctx))));
        routes.post("/api/train/step", ctx -> command(ctx, () -> lab.training().step(settings(ctx))));
        routes.post("/api/train/reset", ctx -> command(ctx, () -> lab.training().reset(settings(ctx))));
        routes.post("/api/train/pause", ctx -> command(ctx, lab.training()::pause));
        routes.sse("/api/train/events", client -> lab.events().add(client, () -> List.of(
                lab.events().event("status", lab.training().status().toJson()),
                lab.events().event("history", lab.training().history()))));
        routes.get("/api/model", ctx -> {
            Snapshot snapshot = lab.snapshot();
            ctx.json(Map.of("saveTo", lab.saveTo().toString(), "source", snapshot.source(), "version",
                    snapshot.version(), "metadata", new TreeMap<>(snapshot.metadata())));
        });
        routes.post("/api/save", this::save);
        routes.get("/api/model/file", this::file);
        routes.post(RequestGuard.MODEL_UPLOAD, this::open);
    }

    /** The request's settings, if the heap has room to train with them. */
    private TrainSettings settings(Context ctx) {
        TrainSettings settings = TrainSettings.from(Requests.body(ctx), lab.data());
        HeapRoom.require(settings.memory(), lab.training().heldBytes());
        return settings;
    }

    /** Queues a command; its effects arrive as events. */
    private void command(Context ctx, Runnable command) {
        command.run();
        ctx.status(202).json(Map.of("accepted", true));
    }

    /** The model on show as a .safetensors file, with its provenance. */
    private void file(Context ctx) {
        Snapshot snapshot = lab.snapshot();
        byte[] bytes;
        synchronized (snapshot.explainer()) {
            bytes = ModelCodec.write(snapshot.network(), snapshot.metadata());
        }
        ctx.contentType("application/octet-stream").header("Content-Disposition", "attachment; filename=\"model.safetensors\"")
                .result(bytes);
    }

    /**
     * {@code ?name=FILE[&layers=SPEC][&normalize=MEAN,STD]}: the bytes of a model file the user
     * chose, to show — a Glassbox model, an ONNX model, or a PyTorch state_dict of those layers.
     */
    private void open(Context ctx) {
        String name = ctx.queryParam("name") == null ? "the opened file" : ctx.queryParam("name");
        SavedModel saved;
        try {
            saved = LabModels.read(ctx.bodyAsBytes(), lab.data(),
                    LabModels.options(ctx.queryParam("layers"), ctx.queryParam("normalize")));
        } catch (ModelFileException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        lab.training().open(saved, name);
        ctx.status(202).json(Map.of("spec", saved.network().spec().toString(), "parameters",
                saved.network().parameterCount()));
    }

    private void save(Context ctx) {
        Snapshot saved = lab.training().save(lab.saveTo());
        ctx.json(Map.of("saved", lab.saveTo().toString(), "version", saved.version(), "spec",
                saved.network().spec().toString()));
    }
}
