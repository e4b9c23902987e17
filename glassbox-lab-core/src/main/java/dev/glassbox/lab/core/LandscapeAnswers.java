package dev.glassbox.lab.core;

import dev.glassbox.explain.Directions;
import dev.glassbox.explain.LossLandscape;
import dev.glassbox.explain.Trajectory;
import dev.glassbox.data.Dataset;
import dev.glassbox.kernels.KernelProvider;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lab's {@code landscape} route: the loss around the model on show ({@link LossLandscape}),
 * handed out in chunks of points in coarse-to-fine order, so the page paints a first picture at
 * once and refines it while it asks for more. Directions are {@code random} (filter-normalised)
 * or {@code pca} (the principal directions of the path training took since the network was built
 * or opened, drawn over the slice). The slice is kept between chunks for as long as the model on
 * show, the directions, the grid and the subset stay the same.
 *
 * <p>Request: {@code {"directions": "random"|"pca", "size": 41, "subset": 300, "from": 0, "count":
 * 50}} (and {@code "line": true} for the loss along the straight line from the path's first
 * weights to the present ones). Answer: {@code {"version", "directions", "size", "total", "from",
 * "points": [[index, span, loss, accuracy], …]}} — a point's index is row × size + column, β by
 * row, α by column, each from −1 to 1; its span is how many grid steps it stands for until finer
 * points arrive — with the path ({@code alpha}, {@code beta}, {@code epochs}, {@code explained})
 * in the first chunk of a {@code pca} slice.
 */
public final class LandscapeAnswers {
    /** The most points one request computes. */
    public static final int MAX_COUNT = 2000;
    /** The most training samples a point is evaluated on in the lab. */
    public static final int MAX_SUBSET = 5000;

    /** How a host computes points: one after another (a page), or on its cores (the server). */
    @FunctionalInterface
    public interface Points {
        /** The points {@code indices} of a {@code size × size} grid, in that order. */
        LossLandscape.Point[] compute(LossLandscape slice, Network network, int size, int[] indices);
    }

    private final Supplier<Snapshot> model;
    private final Supplier<Trajectory> path;
    private final LabData data;
    private final KernelProvider kernels;
    private final Points points;
    private Slice slice;

    /** A slice being handed out, and what it was made for. */
    private record Slice(long version, String directions, int size, int subset, LossLandscape landscape,
            Network network, int[] order, int[] spans, Trajectory.Projection projection, Trajectory path) {}

    /**
     * @param model the model on show
     * @param path  the path of the weights up to the model on show ({@link LabTraining#path()})
     * @param points how this host computes points; {@link #sequential} for a page
     */
    public LandscapeAnswers(Supplier<Snapshot> model, Supplier<Trajectory> path, LabData data, KernelProvider kernels,
            Points points) {
        this.model = model;
        this.path = path;
        this.data = data;
        this.kernels = kernels;
        this.points = points;
    }

    /** Points one after another with single-thread kernels from {@code kernels}. */
    public static Points sequential(KernelProvider kernels) {
        return (slice, network, size, indices) -> {
            LossLandscape.Point[] out = new LossLandscape.Point[indices.length];
            Network workspace = network.copy();
            try (Kernels k = kernels.open(1)) {
                for (int i = 0; i < indices.length; i++) {
                    out[i] = slice.at(LossLandscape.coordinate(indices[i] % size, size),
                            LossLandscape.coordinate(indices[i] / size, size), workspace, k);
                }
            }
            return out;
        };
    }

    /** The answer to one request (see the class comment). */
    public synchronized Map<String, Object> answer(Body body) {
        String directions = body.has("directions") ? body.text("directions") : "random";
        if (!directions.equals("random") && !directions.equals("pca")) {
            throw new IllegalArgumentException("landscape: directions must be random or pca, got '" + directions + "'");
        }
        int size = body.has("size") ? body.integer("size") : LossLandscape.DEFAULT_SIZE;
        int subset = body.has("subset") ? body.integer("subset") : 300;
        if (size < 3 || size > 101 || subset < 1 || subset > MAX_SUBSET) {
            throw new IllegalArgumentException("landscape: size must be 3..101 and subset 1.." + MAX_SUBSET + ", got "
                    + size + " and " + subset);
        }
        Slice s = slice(directions, size, subset);
        if (body.has("line") && body.text("line").equals("true")) {
            return line(s);
        }
        int from = body.has("from") ? body.integer("from") : 0;
        int count = body.has("count") ? body.integer("count") : 50;
        if (from < 0 || count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("landscape: from must be 0 or more and count 1.." + MAX_COUNT + ", got "
                    + from + " and " + count);
        }
        int to = Math.min(s.order().length, from + count);
        int[] indices = java.util.Arrays.copyOfRange(s.order(), Math.min(from, to), to);
        LossLandscape.Point[] computed = points.compute(s.landscape(), s.network(), size, indices);
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < indices.length; i++) {
            double accuracy = computed[i].accuracy(); // NaN for a regression, which has no accuracy
            list.add(java.util.Arrays.asList(indices[i], s.spans()[from + i], computed[i].loss(),
                    Double.isNaN(accuracy) ? null : accuracy));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", s.version());
        answer.put("directions", directions);
        answer.put("size", size);
        answer.put("subset", s.landscape().subset().size());
        answer.put("total", s.order().length);
        answer.put("from", from);
        answer.put("points", list);
        if (from == 0 && s.projection() != null) {
            answer.put("path", pathJson(s));
        }
        return answer;
    }

    private Slice slice(String directions, int size, int subset) {
        Snapshot shown = model.get();
        if (slice != null && slice.version() == shown.version() && slice.directions().equals(directions)
                && slice.size() == size && slice.subset() == subset) {
            return slice;
        }
        Network network = shown.network().copy();
        Trajectory.Projection projection = null;
        Trajectory trajectory = null;
        Directions d;
        if (directions.equals("pca")) {
            trajectory = path.get();
            if (trajectory.size() < 3) {
                throw new IllegalArgumentException("landscape: the path has " + trajectory.size() + " points; train a"
                        + " few batches first (Train live), then draw the landscape of the path");
            }
            projection = trajectory.project();
            d = projection.directions();
        } else {
            d = Directions.random(network, 1);
        }
        Dataset points = LossLandscape.subset(data.train(), subset, 1);
        LossLandscape landscape = new LossLandscape(network, shown.explainer().loss(), d, points);
        int[] order = LossLandscape.coarseToFine(size);
        slice = new Slice(shown.version(), directions, size, subset, landscape, network, order, spans(order, size),
                projection, trajectory);
        return slice;
    }

    /** For each point in order, the grid steps it stands for: its level's stride when it arrives. */
    private static int[] spans(int[] order, int size) {
        int[] spans = new int[order.length];
        int stride = 1;
        while (stride * 2 < size) {
            stride *= 2;
        }
        for (int n = 0; n < order.length; n++) {
            int r = order[n] / size;
            int c = order[n] % size;
            int s = stride;
            // The coarsest level whose rows and columns hold this point.
            while (s > 1 && !((r % s == 0 || r == size - 1) && (c % s == 0 || c == size - 1))) {
                s /= 2;
            }
            spans[n] = s;
        }
        return spans;
    }

    private static Map<String, Object> pathJson(Slice s) {
        Trajectory.Projection p = s.projection();
        List<Object> epochs = new ArrayList<>();
        List<Object> steps = new ArrayList<>();
        for (int i = 0; i < s.path().size(); i++) {
            epochs.add(s.path().epoch(i));
            steps.add(s.path().step(i));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alpha", list(p.alpha()));
        json.put("beta", list(p.beta()));
        json.put("epochs", epochs);
        json.put("steps", steps);
        json.put("explained", list(p.explained()));
        return json;
    }

    /** The loss along the straight line from the path's first weights to the present ones (Goodfellow et al. 2015). */
    private Map<String, Object> line(Slice s) {
        Trajectory trajectory = s.path() != null ? s.path() : path.get();
        if (trajectory.size() < 2) {
            throw new IllegalArgumentException("landscape: the weights have not moved yet; train a few batches first");
        }
        int n = 41;
        double[] t = new double[n];
        double[] loss = new double[n];
        Network workspace = s.network().copy();
        try (Kernels k = kernels.open(1)) {
            for (int i = 0; i < n; i++) {
                t[i] = -0.25 + 1.5 * i / (n - 1);
                loss[i] = LossLandscape.line(trajectory.weights(0), trajectory.weights(trajectory.size() - 1), t[i],
                        workspace, model.get().explainer().loss(),
                        s.landscape().subset(), k).loss();
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("t", list(t));
        json.put("loss", list(loss));
        return json;
    }

    private static List<Double> list(double[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return list;
    }
}
