package dev.glassbox.spark;

import dev.glassbox.data.Dataset;
import dev.glassbox.io.TrainingStateJson;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.nn.Network;
import dev.glassbox.train.Evaluation;
import dev.glassbox.train.Evaluator;
import dev.glassbox.train.TrainingConfig;
import dev.glassbox.train.TrainingData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * Data-parallel training on Spark by parameter averaging. The training set is cut into
 * {@code partitions} shards; in each round every shard's task trains a copy of the network, from
 * the same weights, for K minibatches of its own shard, and the driver averages the copies'
 * weights and optimizer arrays into the next round's start. K = 1 averages every step's update,
 * which for plain SGD is the gradient averaged over {@code partitions × batch} samples.
 *
 * <p>Each shard keeps its own run state (epoch, shuffling and dropout generators, schedule
 * position) between rounds, on the driver, so a lost task re-runs from the same inputs and gives
 * the same result: the run is deterministic whatever the cluster does, and one shard with K = 1
 * is local training step for step. The averaged network is evaluated on the validation set as the
 * run goes; the weights of the best round are kept, by the rule local training uses for its best
 * epoch ({@link dev.glassbox.train.BestEpoch}: validation accuracy, then loss on a tie), and the
 * config's {@code patience} counts evaluations without improvement before the run stops early.
 *
 * <p>The driver holds every shard's update of a round at once (partitions × model size).
 */
public final class SparkTrainer {
    private final TrainingConfig config;
    private final AveragingSettings settings;
    private final List<RoundListener> listeners = new CopyOnWriteArrayList<>();

    public SparkTrainer(TrainingConfig config, AveragingSettings settings) {
        this.config = config.toBuilder().threads(settings.threadsPerTask()).build();
        this.settings = settings;
    }

    public SparkTrainer addListener(RoundListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Trains {@code network} in place on {@code data.train()}, spread over the cluster behind
     * {@code spark}; evaluates on {@code data.validation()} if there is one (the test set is
     * not used).
     *
     * @throws IllegalArgumentException if the training set has fewer samples than partitions
     */
    public SparkTrainingResult fit(JavaSparkContext spark, Network network, TrainingData data) {
        long begin = System.nanoTime();
        int partitions = settings.partitions();
        Dataset train = data.train();
        if (train.size() < partitions) {
            throw new IllegalArgumentException("SparkTrainer: " + train.name() + " has " + train.size()
                    + " samples, fewer than the " + partitions + " partitions. Use fewer partitions");
        }
        List<Dataset> shards = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            shards.add(train.every(train.name() + " shard " + (p + 1) + "/" + partitions, p, partitions));
        }
        int rounds = rounds(shards);
        // Each shard travels once, as a broadcast: an executor fetches only its shards' and keeps
        // them, and the driver still holds them when a lost executor's tasks run elsewhere.
        List<Broadcast<Dataset>> shardData = new ArrayList<>();
        for (Dataset shard : shards) {
            shardData.add(spark.broadcast(shard));
        }
        List<Integer> indices = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            indices.add(p);
        }
        JavaRDD<Integer> rdd = spark.parallelize(indices, partitions);
        String configJson = TrainingStateJson.writeConfig(config);
        String spec = network.spec().toString();

        Map<String, float[]> weights = network.parameterValues();
        Map<String, float[]> optimizer = Map.of();
        String[] states = new String[partitions];
        boolean[] finished = new boolean[partitions];
        List<Round> history = new ArrayList<>();
        BestRound best = new BestRound();
        int bestRound = 0;
        boolean stoppedEarly = false;
        try {
            for (int round = 1; !allTrue(finished); round++) {
                long roundBegin = System.nanoTime();
                Broadcast<SharedWeights> shared = spark.broadcast(new SharedWeights(weights, optimizer));
                List<ShardUpdate> updates;
                try {
                    updates = new ArrayList<>(rdd.mapPartitionsWithIndex(
                            roundTask(shardData, configJson, spec, shared, Arrays.asList(states.clone()), finished.clone(),
                                    settings.averageEvery()), true).collect());
                } finally {
                    shared.destroy();
                }
                updates.sort(Comparator.comparingInt(ShardUpdate::partition));
                weights = average(updates.stream().map(ShardUpdate::weights).toList());
                List<Map<String, float[]>> going = updates.stream().filter(u -> !u.finished())
                        .map(ShardUpdate::optimizer).toList();
                optimizer = going.isEmpty() ? Map.of() : average(going);
                long samples = 0;
                int batches = 0;
                double lossSum = 0;
                int epoch = 0;
                for (ShardUpdate u : updates) {
                    states[u.partition()] = u.state();
                    finished[u.partition()] = u.finished();
                    samples += u.samples();
                    batches += u.batches();
                    lossSum += u.lossSum();
                    epoch = Math.max(epoch, u.epoch());
                }
                boolean last = allTrue(finished);
                double seconds = (System.nanoTime() - roundBegin) / 1e9;
                Evaluation validation = null;
                boolean improved = data.validation() == null;
                if (data.validation() != null && (last || settings.evaluateEvery() > 0
                        && round % settings.evaluateEvery() == 0)) {
                    network.setParameterValues(weights);
                    try (Kernels kernels = KernelChoice.create(Runtime.getRuntime().availableProcessors())) {
                        validation = Evaluator.evaluate(network, config.loss(), data.validation(), kernels);
                    }
                    improved = best.offer(round, validation, weights);
                }
                if (improved) {
                    bestRound = round;
                }
                Round event = new Round(round, rounds, epoch, batches == 0 ? Double.NaN : lossSum / batches,
                        validation, samples, seconds, samples / seconds, improved && validation != null);
                history.add(event);
                for (RoundListener listener : listeners) {
                    listener.round(event);
                }
                if (config.patience() > 0 && best.evaluationsSince() >= config.patience() && !last) {
                    stoppedEarly = true;
                    break;
                }
            }
        } finally {
            shardData.forEach(b -> b.destroy());
        }
        network.setParameterValues(best.weights() != null ? best.weights() : weights);
        return new SparkTrainingResult(history, bestRound, stoppedEarly, (System.nanoTime() - begin) / 1e9);
    }

    /** The rounds the run takes: the slowest shard's minibatches over all epochs, K per round. */
    private int rounds(List<Dataset> shards) {
        long most = 0;
        for (Dataset shard : shards) {
            int batch = Math.min(config.batchSize(), shard.size());
            long batchesPerEpoch = (shard.size() + batch - 1) / batch;
            most = Math.max(most, batchesPerEpoch * config.epochs());
        }
        return Math.toIntExact((most + settings.averageEvery() - 1) / settings.averageEvery());
    }

    /** The task of a round: static, so the closure Spark ships holds only what it names. */
    private static Function2<Integer, Iterator<Integer>, Iterator<ShardUpdate>> roundTask(
            List<Broadcast<Dataset>> shardData, String configJson, String spec, Broadcast<SharedWeights> shared,
            List<String> states, boolean[] finished, int k) {
        return (partition, ignored) -> {
            if (finished[partition]) {
                return Collections.emptyIterator();
            }
            return List.of(ShardTraining.train(shardData.get(partition).value(), partition, configJson, spec, shared.value(),
                    states.get(partition), k)).iterator();
        };
    }

    /** The element-wise mean of same-named arrays, summed in a fixed order so runs repeat exactly. */
    static Map<String, float[]> average(List<Map<String, float[]>> all) {
        Map<String, float[]> mean = new LinkedHashMap<>();
        int n = all.size();
        for (String name : all.get(0).keySet()) {
            int length = all.get(0).get(name).length;
            double[] sum = new double[length];
            for (Map<String, float[]> one : all) {
                float[] values = one.get(name);
                for (int i = 0; i < length; i++) {
                    sum[i] += values[i];
                }
            }
            float[] out = new float[length];
            for (int i = 0; i < length; i++) {
                out[i] = (float) (sum[i] / n);
            }
            mean.put(name, out);
        }
        return mean;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
