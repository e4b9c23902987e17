package dev.glassbox.io;

import dev.glassbox.data.Augmentation;
import dev.glassbox.optim.LearningRateSchedule;
import dev.glassbox.optim.MomentumRamp;
import dev.glassbox.optim.OptimizerConfig;
import dev.glassbox.optim.OptimizerState;
import dev.glassbox.train.ConfusionMatrix;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.RegressionError;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's state and settings as JSON: what a checkpoint file keeps in its metadata, and what
 * carries a run between machines. The arrays (optimizer state, best weights) travel beside the
 * JSON, as tensors in a file or as they are elsewhere.
 */
public final class TrainingStateJson {
    /**
     * 2: the state in named parts, and the engine's own random generator ({@link dev.glassbox.tensor.Rng}).
     * A version 1 state cannot be continued exactly (its shuffles were drawn differently), so it is refused.
     */
    private static final long VERSION = 2;

    private TrainingStateJson() {}

    /** The state without its arrays. */
    public static String write(TrainingState state) {
        return Json.write(toJson(state));
    }

    /**
     * Reads what {@link #write} wrote, with the arrays that were kept beside it.
     *
     * @throws JsonException if the text is not JSON
     * @throws IllegalArgumentException naming the first field that is missing, mistyped or out of range
     */
    public static TrainingState read(String json, Map<String, float[]> optimizer, Map<String, float[]> bestWeights) {
        return fromJson(new Fields("state", Json.parse(json)), optimizer, bestWeights);
    }

    public static String writeConfig(TrainingConfig config) {
        return Json.write(toJson(config));
    }

    /**
     * Reads what {@link #writeConfig} wrote.
     *
     * @throws IllegalArgumentException if the text is not a valid config
     */
    public static TrainingConfig readConfig(String json) {
        return configFromJson(new Fields("config", Json.parse(json)));
    }

    private static Map<String, Object> toJson(TrainingState s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", VERSION);
        json.put("config", toJson(s.config()));
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("epoch", s.progress().epoch());
        progress.put("batch", s.progress().batch());
        progress.put("step", s.progress().step());
        progress.put("elapsed_nanos", s.progress().elapsedNanos());
        json.put("progress", progress);
        Map<String, Object> epochSoFar = new LinkedHashMap<>();
        epochSoFar.put("loss_sum", s.epochSoFar().lossSum());
        epochSoFar.put("correct", s.epochSoFar().correct());
        epochSoFar.put("seen", s.epochSoFar().seen());
        epochSoFar.put("nanos", s.epochSoFar().nanos());
        json.put("epoch_so_far", epochSoFar);
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("epoch", s.best().epoch());
        best.put("since_best", s.best().sinceBest());
        json.put("best", best);
        Map<String, Object> random = new LinkedHashMap<>();
        random.put("shuffle", s.random().shuffle());
        random.put("dropout", s.random().dropout());
        json.put("random", random);
        json.put("optimizer_steps", s.optimizer().steps());
        json.put("history", s.history().stream().map(TrainingStateJson::toJson).toList());
        return json;
    }

    private static TrainingState fromJson(Fields f, Map<String, float[]> optimizer, Map<String, float[]> best) {
        long version = f.integer("version");
        if (version == 1) {
            throw new IllegalArgumentException("version 1 was written by an older Glassbox, whose random generator"
                    + " this version does not share, so the run cannot continue exactly. Start it again");
        }
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + ", expected " + VERSION
                    + ". Written by another Glassbox version?");
        }
        List<TrainingEvents.Epoch> history = new ArrayList<>();
        for (Fields e : f.list("history")) {
            history.add(epochFromJson(e));
        }
        Fields p = f.object("progress");
        Fields e = f.object("epoch_so_far");
        Fields b = f.object("best");
        Fields r = f.object("random");
        return new TrainingState(configFromJson(f.object("config")),
                new TrainingState.Progress(p.int32("epoch"), p.int32("batch"), p.integer("step"), p.integer("elapsed_nanos")),
                new TrainingState.EpochSoFar(e.number("loss_sum"), e.integer("correct"), e.integer("seen"),
                        e.integer("nanos")),
                new TrainingState.BestSoFar(b.int32("epoch"), b.int32("since_best"), best),
                new TrainingState.RandomStreams(r.integer("shuffle"), r.integer("dropout")),
                history, new OptimizerState(f.integer("optimizer_steps"), optimizer));
    }

    private static Map<String, Object> toJson(TrainingConfig c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epochs", c.epochs());
        json.put("batch_size", c.batchSize());
        json.put("learning_rate", c.learningRate());
        json.put("schedule", c.schedule().toString());
        OptimizerConfig o = c.optimizer();
        Map<String, Object> optimizer = new LinkedHashMap<>();
        optimizer.put("kind", o.kind().specName());
        optimizer.put("momentum", o.momentum());
        optimizer.put("beta1", o.beta1());
        optimizer.put("beta2", o.beta2());
        optimizer.put("epsilon", o.epsilon());
        optimizer.put("weight_decay", o.weightDecay());
        json.put("optimizer", optimizer);
        json.put("loss", c.lossName());
        json.put("clip_norm", c.clipNorm());
        json.put("max_norm", c.maxNorm());
        json.put("patience", c.patience());
        json.put("seed", c.seed());
        json.put("threads", c.threads());
        json.put("augmentation", c.augmentation().toString());
        json.put("momentum_ramp", c.momentumRamp().toString());
        return json;
    }

    private static TrainingConfig configFromJson(Fields f) {
        Fields o = f.object("optimizer");
        OptimizerConfig optimizer = new OptimizerConfig(OptimizerConfig.Kind.byName(o.string("kind")),
                o.float32("momentum"), o.float32("beta1"), o.float32("beta2"), o.float32("epsilon"),
                o.float32("weight_decay"));
        return TrainingConfig.builder()
                .epochs(f.int32("epochs"))
                .batchSize(f.int32("batch_size"))
                .learningRate(f.float32("learning_rate"))
                .schedule(LearningRateSchedule.parse(f.string("schedule")))
                .optimizer(optimizer)
                .loss(f.string("loss"))
                .clipNorm(f.float32("clip_norm"))
                .maxNorm(f.float32("max_norm"))
                .patience(f.int32("patience"))
                .seed(f.integer("seed"))
                .threads(f.int32("threads"))
                // Settings added after the format's first version: absent means off.
                .augmentation(Augmentation.parse(f.stringOr("augmentation", "none")))
                .momentumRamp(MomentumRamp.parse(f.stringOr("momentum_ramp", "none")))
                .build();
    }

    private static Map<String, Object> toJson(TrainingEvents.Epoch e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epoch", e.epoch());
        json.put("epochs", e.epochs());
        json.put("train_loss", e.trainLoss());
        json.put("train_accuracy", e.trainAccuracy());
        json.put("validation", e.validation() == null ? Json.NULL : toJson(e.validation()));
        json.put("test", e.test() == null ? Json.NULL : toJson(e.test()));
        json.put("seconds", e.seconds());
        json.put("samples_per_second", e.samplesPerSecond());
        json.put("learning_rate", e.learningRate());
        json.put("improved", e.improved());
        return json;
    }

    private static TrainingEvents.Epoch epochFromJson(Fields f) {
        return new TrainingEvents.Epoch(f.int32("epoch"), f.int32("epochs"), f.number("train_loss"),
                f.number("train_accuracy"), f.isNull("validation") ? null : evaluationFromJson(f.object("validation")),
                f.isNull("test") ? null : evaluationFromJson(f.object("test")), f.number("seconds"),
                f.number("samples_per_second"), f.float32("learning_rate"), f.bool("improved"));
    }

    private static Map<String, Object> toJson(Evaluation e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", e.dataset());
        json.put("loss", e.loss());
        List<List<Long>> counts = new ArrayList<>();
        for (long[] row : e.confusion().counts()) {
            counts.add(Arrays.stream(row).boxed().toList());
        }
        json.put("confusion", counts);
        RegressionError r = e.regression();
        if (r != null) {
            json.put("regression", List.of(r.count(), r.sumSquared(), r.sumAbsolute(), r.sumTarget(),
                    r.sumTargetSquared()));
        }
        return json;
    }

    private static Evaluation evaluationFromJson(Fields f) {
        List<Fields> rows = f.list("confusion");
        long[][] counts = new long[rows.size()][];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rows.get(i).longs();
        }
        if (f.has("regression")) {
            List<Fields> items = f.list("regression");
            double[] sums = new double[items.size()];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = items.get(i).asNumber();
            }
            if (sums.length != 5 || !(sums[0] >= 0 && sums[0] == Math.rint(sums[0]) && sums[0] < 1e15)) {
                throw new IllegalArgumentException(f.path() + ".regression: expected [count, Σe², Σ|e|, Σt, Σt²]");
            }
            return new Evaluation(f.string("dataset"), f.number("loss"), new ConfusionMatrix(counts),
                    new RegressionError((long) sums[0], sums[1], sums[2], sums[3], sums[4]));
        }
        return new Evaluation(f.string("dataset"), f.number("loss"), new ConfusionMatrix(counts));
    }

    /** Typed access to parsed JSON, each miss an {@link IllegalArgumentException} naming the path. */
    private record Fields(String path, Object value) {
        private Object get(String name) {
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(path + " is not an object");
            }
            Object v = map.get(name);
            if (v == null) {
                throw new IllegalArgumentException(path + "." + name + " is missing");
            }
            return v;
        }

        private <T> T typed(String name, Class<T> type, String expected) {
            Object v = get(name);
            if (!type.isInstance(v)) {
                String shown = firstLine(Json.write(v));
                throw new IllegalArgumentException(path + "." + name + " is "
                        + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown) + ", expected " + expected);
            }
            return type.cast(v);
        }

        /** The text up to the first line break, as {@code text.lines().findFirst()}, which TeaVM's String lacks. */
        private static String firstLine(String text) {
            int end = 0;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            return text.substring(0, end);
        }

        long integer(String name) {
            return typed(name, Long.class, "an integer");
        }

        int int32(String name) {
            long v = integer(name);
            if (v != (int) v) {
                throw new IllegalArgumentException(path + "." + name + " is " + v + ", beyond 32 bits");
            }
            return (int) v;
        }

        double number(String name) {
            return typed(name, Number.class, "a number").doubleValue();
        }

        float float32(String name) {
            return (float) number(name);
        }

        String string(String name) {
            return typed(name, String.class, "a string");
        }

        String stringOr(String name, String absent) {
            return value instanceof Map<?, ?> map && !map.containsKey(name) ? absent : string(name);
        }

        boolean bool(String name) {
            return typed(name, Boolean.class, "true or false");
        }

        boolean has(String name) {
            return value instanceof Map<?, ?> map && map.containsKey(name);
        }

        /** This value as a number. */
        double asNumber() {
            if (!(value instanceof Number n)) {
                throw new IllegalArgumentException(path + " is not a number");
            }
            return n.doubleValue();
        }

        boolean isNull(String name) {
            return get(name) == Json.NULL;
        }

        Fields object(String name) {
            return new Fields(path + "." + name, typed(name, Map.class, "an object"));
        }

        List<Fields> list(String name) {
            List<?> items = typed(name, List.class, "a list");
            List<Fields> result = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                result.add(new Fields(path + "." + name + "[" + i + "]", items.get(i)));
            }
            return result;
        }

        /** This value as a list of integers. */
        long[] longs() {
            if (!(value instanceof List<?> items)) {
                throw new IllegalArgumentException(path + " is not a list");
            }
            long[] result = new long[items.size()];
            for (int i = 0; i < result.length; i++) {
                if (!(items.get(i) instanceof Long n)) {
                    throw new IllegalArgumentException(path + "[" + i + "] is not an integer");
                }
                result[i] = n;
            }
            return result;
        }
    }
}
