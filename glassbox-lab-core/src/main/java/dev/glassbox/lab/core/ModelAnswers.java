package dev.glassbox.lab.core;

import dev.glassbox.data.Dataset;
import dev.glassbox.data.DatasetException;
import dev.glassbox.data.ImagePreparation;
import dev.glassbox.explain.BackpropTrace;
import dev.glassbox.explain.Explainer;
import dev.glassbox.explain.ForwardTrace;
import dev.glassbox.explain.Nudge;
import dev.glassbox.io.ModelInputs;
import dev.glassbox.optim.OptimizerConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the page asks about the model on show, answered from the engine: the network view, an
 * example run forward (a test example, given inputs, a drawing, a table row or an image), one
 * neuron opened up, one backprop step, why the network gave an example its answer (attribution
 * and nudge), and the diagnostics. Each answer is a JSON-ready tree (maps, lists, arrays,
 * numbers) computed on one {@link Snapshot}; the lab server and the page's worker write it with
 * {@link dev.glassbox.io.Json}, so both back ends send the same JSON.
 *
 * <p>The backprop step shown is plain gradient descent (w ← w − η·∂loss/∂w), whose change is
 * proportional to the gradient, so what the page shows reads directly as "change each weight
 * against its slope".
 */
public final class ModelAnswers {
    private final Supplier<Snapshot> model;
    private final LabData data;
    private final Dataset test;
    private final String kernels;
    private volatile Map<String, Object> view;
    private volatile long viewVersion = -1;
    private volatile Diagnostics diagnostics;
    private volatile Nudge.Range nudgeRange;

    /**
     * @param model the snapshot on show, asked once per answer
     * @param data the lab's data: its test set gives the examples and the diagnostics
     * @param kernels the name of the kernels the host computes with, shown to the user
     */
    public ModelAnswers(Supplier<Snapshot> model, LabData data, String kernels) {
        this.model = model;
        this.data = data;
        this.test = data.test();
        this.kernels = kernels;
    }

    public Dataset test() {
        return test;
    }

    /** The routes answered by {@link #get}, each with its query parameters. */
    public static final List<String> GET_ROUTES = List.of("network", "test-digit", "diagnostics", "confusion-cell");

    /** The routes answered by {@link #post}, each with a JSON body. */
    public static final List<String> POST_ROUTES = List.of("forward", "digit", "example", "neuron", "backprop",
            "attribution", "nudge");

    /**
     * The answer to a GET route of {@link #GET_ROUTES}.
     *
     * @throws IllegalArgumentException for another route, or a bad query
     */
    public Map<String, Object> get(String route, Map<String, String> query) {
        return switch (route) {
            case "network" -> network();
            case "test-digit" -> testDigit(query);
            case "diagnostics" -> diagnostics();
            case "confusion-cell" -> confusionCell(query);
            default -> throw new IllegalArgumentException("no such question: GET " + route);
        };
    }

    /**
     * The answer to a POST route of {@link #POST_ROUTES}.
     *
     * @throws IllegalArgumentException for another route, or a bad body
     */
    public Map<String, Object> post(String route, Body body) {
        return switch (route) {
            case "forward" -> forward(body);
            case "digit" -> digit(body);
            case "example" -> example(body);
            case "neuron" -> neuron(body);
            case "backprop" -> backprop(body);
            case "attribution" -> attribution(body);
            case "nudge" -> nudge(body);
            default -> throw new IllegalArgumentException("no such question: POST " + route);
        };
    }

    /** {@code network}: the columns and strongest connections of the current snapshot (computed once per snapshot). */
    public Map<String, Object> network() {
        Snapshot snapshot = model.get();
        Map<String, Object> current = view;
        if (current == null || viewVersion != snapshot.version()) {
            current = NetworkJson.view(snapshot, data, kernels);
            view = current;
            viewVersion = snapshot.version();
        }
        return current;
    }

    /** {@code forward}: given pixels run through the network. */
    public Map<String, Object> forward(Body body) {
        float[] pixels = Requests.Pixels.from(body, data).pixels();
        Snapshot snapshot = model.get();
        return NetworkJson.activity(snapshot, snapshot.explainer().forward(pixels), data.inputs());
    }

    /** {@code digit}: a drawing, prepared like an MNIST digit, then run forward. */
    public Map<String, Object> digit(Body body) {
        if (!(data.inputs() instanceof ModelInputs.Images images
                && images.preparation().prepare() == ImagePreparation.Prepare.DIGIT)) {
            throw new IllegalArgumentException("digit: the lab's data is not prepared as MNIST's digits; try an"
                    + " example instead");
        }
        DrawingRequest drawing = DrawingRequest.from(body);
        int[] pixels;
        try {
            pixels = drawing.toMnistPixels();
        } catch (DatasetException e) {
            throw new IllegalArgumentException("drawing: no ink found; draw a digit", e);
        }
        Snapshot snapshot = model.get();
        return NetworkJson.activity(snapshot, snapshot.explainer().forward(Images.toInput(pixels)));
    }

    /**
     * {@code example}: the user's own example, prepared as the lab's data was — a table row
     * ({@code row}: one string per feature column, in the order the view lists them) or an image
     * ({@code width}, {@code height}, {@code argb}: packed pixels as a canvas gives them) — then
     * run forward; the answer also holds the prepared inputs ({@code pixels}).
     */
    public Map<String, Object> example(Body body) {
        float[] inputs = Examples.prepare(body, data.inputs());
        Snapshot snapshot = model.get();
        return NetworkJson.activity(snapshot, snapshot.explainer().forward(inputs), data.inputs());
    }

    /** {@code test-digit}: {@code index=N} for test example N, or {@code label=C} for the first test example of class C. */
    public Map<String, Object> testDigit(Map<String, String> query) {
        String index = query.get("index");
        String label = query.get("label");
        int i;
        if (index != null) {
            i = parseInt("index", index);
        } else if (label != null) {
            i = firstTestIndexOf(parseInt("label", label));
        } else {
            throw new IllegalArgumentException("test-digit: expected ?index=N or ?label=D");
        }
        float[] pixels = testInput(i); // checks i before the label is read
        return NetworkJson.testExample(i, test, pixels, data.inputs());
    }

    /** {@code neuron}: one neuron's incoming weights and arithmetic for given pixels. */
    public Map<String, Object> neuron(Body body) {
        Requests.Neuron request = Requests.Neuron.from(body, data);
        Snapshot snapshot = model.get();
        ForwardTrace trace = snapshot.explainer().forward(request.pixels());
        return NeuronJson.detail(snapshot, trace, request.column(), request.neuron());
    }

    /** {@code backprop}: one example's error, gradients and update, from the engine. */
    public Map<String, Object> backprop(Body body) {
        if (data.inputs().isRegression()) {
            throw new IllegalArgumentException("backprop: the steps follow a class's output; this model predicts a"
                    + " number");
        }
        Requests.Backprop request = Requests.Backprop.from(body, data);
        Snapshot snapshot = model.get();
        boolean testImage = request.index() != null; // else pixels and label, as Requests.Backprop checked
        int index = testImage ? request.index() : -1;
        float[] pixels = testImage ? testInput(index) : request.pixels();
        int label = testImage ? test.label(index) : request.label();
        BackpropTrace trace = snapshot.explainer().backprop(pixels, label, OptimizerConfig.of("sgd"),
                request.learningRate());
        return BackpropJson.toJson(BackpropJson.of(snapshot.version(), index, trace));
    }

    /**
     * {@code attribution}: which inputs made an output's score (its logit) — {@code pixels} and
     * {@code target}, by default the output the network answers — as the engine's gradient,
     * gradient × input and integrated gradients, with their completeness check.
     */
    public Map<String, Object> attribution(Body body) {
        Requests.Attribution request = Requests.Attribution.from(body, data);
        Snapshot snapshot = model.get();
        Explainer explainer = snapshot.explainer();
        int target = request.target() != null ? request.target() : explainer.forward(request.pixels()).predicted();
        return AttributionJson.attribution(snapshot.version(), explainer.attribution(request.pixels(), target));
    }

    /**
     * {@code nudge}: {@code pixels} changed one input at a time until the network answers
     * {@code target} — or, when it already does (or no target is given), the class it ranks
     * second ({@link Nudge#toward}) — at most {@value Nudge#MOST_CHANGES} changes, each input set
     * to an end of its range: 0 or 1 for a pixel, the smallest or largest value in the training
     * rows for a table's input.
     */
    public Map<String, Object> nudge(Body body) {
        if (data.inputs().isRegression() || data.outputSize() < 2) {
            throw new IllegalArgumentException("nudge: a nudge changes which class the network answers; this model"
                    + " predicts a number");
        }
        Requests.Attribution request = Requests.Attribution.from(body, data);
        Snapshot snapshot = model.get();
        Explainer explainer = snapshot.explainer();
        ForwardTrace before = explainer.forward(request.pixels());
        int toward = Nudge.toward(before.output(), request.target() != null ? request.target() : before.predicted());
        Nudge nudge = explainer.nudge(request.pixels(), toward, nudgeRange(), Nudge.MOST_CHANGES);
        return AttributionJson.nudge(snapshot.version(), nudge, Nudge.MOST_CHANGES,
                NetworkJson.activity(snapshot, explainer.forward(nudge.nudged()), data.inputs()));
    }

    /** The values a nudge may give each input, found once: pixels' [0, 1], or each table input's range in training. */
    private Nudge.Range nudgeRange() {
        Nudge.Range range = nudgeRange;
        if (range == null) {
            range = data.inputs() instanceof ModelInputs.Table ? Nudge.Range.observed(data.train())
                    : Nudge.Range.pixels(data.inputSize());
            nudgeRange = range;
        }
        return range;
    }

    /** {@code diagnostics}: the first column's weights and the confusion matrix. */
    public Map<String, Object> diagnostics() {
        return evaluated().summary();
    }

    /** {@code confusion-cell}: {@code label=T&predicted=P}, test images of digit T that the model reads as P. */
    public Map<String, Object> confusionCell(Map<String, String> query) {
        String label = query.get("label");
        String predicted = query.get("predicted");
        if (label == null || predicted == null) {
            throw new IllegalArgumentException("confusion-cell: expected ?label=T&predicted=P");
        }
        return evaluated().cell(data, parseInt("label", label), parseInt("predicted", predicted));
    }

    private Diagnostics evaluated() {
        Snapshot snapshot = model.get();
        Diagnostics current = diagnostics;
        if (current == null || current.version() != snapshot.version()) {
            current = Diagnostics.of(snapshot, data);
            diagnostics = current;
        }
        return current;
    }

    /** Test example {@code index} as network inputs (an image's 0..1, a table row's prepared values). */
    public float[] testInput(int index) {
        if (index < 0 || index >= test.size()) {
            throw new IllegalArgumentException("index: expected a test example 0.." + (test.size() - 1) + ", got "
                    + index);
        }
        return test.input(index);
    }

    /** The first test example of class {@code label}. */
    int firstTestIndexOf(int label) {
        if (test.isRegression()) {
            throw new IllegalArgumentException("label: a regression's test rows have numbers, not classes");
        }
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == label) {
                return i;
            }
        }
        throw new IllegalArgumentException("label: the test set has no example of class " + label);
    }

    static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a whole number, got '" + value + "'");
        }
    }
}
