package dev.glassbox.lab;

import dev.glassbox.data.DatasetException;
import dev.glassbox.explain.ForwardTrace;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** The network view and the drawing pad: the model's shape, and examples run through it. */
final class ModelRoutes {
    private final Lab lab;
    private volatile NetworkJson.View view;

    ModelRoutes(Lab lab) {
        this.lab = lab;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/network", this::network);
        routes.post("/api/forward", this::forward);
        routes.post("/api/digit", this::digit);
        routes.get("/api/test-digit", this::testDigit);
        routes.post("/api/neuron", this::neuron);
    }

    /** The columns and strongest connections of the current snapshot (computed once per snapshot). */
    private void network(Context ctx) {
        Snapshot snapshot = lab.snapshot();
        NetworkJson.View current = view;
        if (current == null || current.version() != snapshot.version()) {
            current = NetworkJson.view(snapshot, lab.test().size());
            view = current;
        }
        ctx.json(current);
    }

    private void forward(Context ctx) {
        float[] pixels = Requests.parse(ctx, Requests.Pixels.class).pixels();
        Snapshot snapshot = lab.snapshot();
        ctx.json(NetworkJson.activity(snapshot, snapshot.explainer().forward(pixels)));
    }

    /** A drawing, prepared like an MNIST digit, then run forward. */
    private void digit(Context ctx) {
        DrawingRequest drawing = Requests.parse(ctx, DrawingRequest.class);
        int[] pixels;
        try {
            pixels = drawing.toMnistPixels();
        } catch (DatasetException e) {
            throw new IllegalArgumentException("drawing: no ink found; draw a digit", e);
        }
        Snapshot snapshot = lab.snapshot();
        ctx.json(NetworkJson.activity(snapshot, snapshot.explainer().forward(Images.toInput(pixels))));
    }

    /** {@code ?index=N} for test image N, or {@code ?label=D} for the first test image of digit D. */
    private void testDigit(Context ctx) {
        String index = ctx.queryParam("index");
        String label = ctx.queryParam("label");
        int i;
        if (index != null) {
            i = parseInt("index", index);
        } else if (label != null) {
            i = lab.firstTestIndexOf(parseInt("label", label));
        } else {
            throw new IllegalArgumentException("test-digit: expected ?index=N or ?label=D");
        }
        float[] pixels = lab.testInput(i);
        ctx.json(new NetworkJson.TestDigit(i, lab.test().label(i), pixels));
    }

    private void neuron(Context ctx) {
        Requests.Neuron request = Requests.parse(ctx, Requests.Neuron.class);
        Snapshot snapshot = lab.snapshot();
        ForwardTrace trace = snapshot.explainer().forward(request.pixels());
        ctx.json(NeuronJson.detail(snapshot, trace, request.column(), request.neuron()));
    }

    static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got '" + value + "'");
        }
    }
}
