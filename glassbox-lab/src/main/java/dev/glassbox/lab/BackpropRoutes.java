package dev.glassbox.lab;

import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.optim.OptimizerConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Backprop step by step: one example's error, gradients and update, from the engine. The step
 * shown is plain gradient descent (w ← w − η·∂loss/∂w), whose change is proportional to the
 * gradient, so what the page shows reads directly as "change each weight against its slope".
 */
final class BackpropRoutes {
    private final Lab lab;

    BackpropRoutes(Lab lab) {
        this.lab = lab;
    }

    void addTo(RoutesConfig routes) {
        routes.post("/api/backprop", this::backprop);
    }

    private void backprop(Context ctx) {
        Requests.Backprop request = Requests.parse(ctx, Requests.Backprop.class);
        Snapshot snapshot = lab.snapshot();
        ctx.json(step(lab, snapshot, request));
    }

    /** The step for a request, on {@code snapshot}; also what tests compare the page with. */
    static BackpropJson.Step step(Lab lab, Snapshot snapshot, Requests.Backprop request) {
        boolean testImage = request.index() != null; // else pixels and label, as Requests.Backprop checked
        int index = testImage ? request.index() : -1;
        float[] pixels = testImage ? lab.testInput(index) : request.pixels();
        int label = testImage ? lab.test().label(index) : request.label();
        BackpropTrace trace = snapshot.explainer().backprop(pixels, label, OptimizerConfig.of("sgd"),
                request.learningRate());
        return BackpropJson.of(snapshot.version(), index, trace);
    }
}
