package dev.glassbox.web;

import dev.glassbox.data.MnistData;
import dev.glassbox.io.Json;
import dev.glassbox.io.ModelCodec;
import dev.glassbox.io.SavedModel;
import dev.glassbox.lab.core.Body;
import dev.glassbox.lab.core.CurrentModel;
import dev.glassbox.lab.core.ModelAnswers;
import dev.glassbox.loss.Loss;
import java.util.Map;

/**
 * The lab's answers inside the page: a model on show and MNIST's test set, answered by the same
 * {@link ModelAnswers} as the lab server, so a page's worker sends the panels the server's JSON.
 */
final class LabWorker {
    /** What the page's panels are told computes their numbers. */
    static final String KERNELS = "tiled (in the browser)";

    private CurrentModel model;
    private ModelAnswers answers;

    /**
     * Shows the model in {@code safetensors} (as {@link ModelCodec} writes it) on {@code data}'s test set.
     *
     * @param source where the model came from, in words
     */
    void open(MnistData data, byte[] safetensors, String source) {
        SavedModel saved = ModelCodec.read(safetensors);
        Loss loss = Loss.byName(saved.metadata().getOrDefault("glassbox.loss", "cross-entropy"));
        CurrentModel opened = new CurrentModel(saved.network(), loss, source, saved.metadata(), Workspace.KERNELS);
        answers = new ModelAnswers(opened::snapshot, data.test(), KERNELS);
        model = opened;
    }

    /**
     * The answer to {@code method} ({@code get} or {@code post}) {@code route} with {@code payload}
     * (the query as a JSON object of strings, or the body), as JSON text: {@code {"result": …}},
     * or {@code {"error": "…"}} with the reason a request was refused.
     */
    String answer(String method, String route, String payload) {
        try {
            if (answers == null) {
                throw new IllegalStateException("lab: no model open");
            }
            Body body = Body.parse(payload);
            Object result = switch (method) {
                case "get" -> answers.get(route, body.texts());
                case "post" -> answers.post(route, body);
                default -> throw new IllegalArgumentException("lab: expected get or post, got " + method);
            };
            return Json.write(Map.of("result", result));
        } catch (RuntimeException e) {
            return Json.write(Map.of("error", e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    CurrentModel model() {
        return model;
    }
}
