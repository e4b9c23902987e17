package dev.glassbox.spark;

import dev.glassbox.cli.TrialRunner;
import dev.glassbox.data.Dataset;
import dev.glassbox.io.TrainingStateJson;
import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.nn.Init;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.sweep.Trial;
import dev.glassbox.sweep.TrialResult;
import dev.glassbox.train.TrainingData;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A sweep's trials as Spark tasks, one job per trial so each result is reported as it comes;
 * Spark runs as many at once as the cluster has task slots. The training and validation sets
 * travel once, as broadcasts.
 */
public final class SparkTrials implements TrialRunner {
    private final JavaSparkContext spark;

    public SparkTrials(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public String describe() {
        return "Spark " + spark.master() + ", " + spark.defaultParallelism() + " task slots, "
                + threadsPerTrial() + (threadsPerTrial() == 1 ? " thread" : " threads") + " per trial";
    }

    /** {@code spark.task.cpus}: the cores Spark reserves for each task. */
    @Override
    public int threadsPerTrial() {
        return spark.getConf().getInt("spark.task.cpus", 1);
    }

    /** What a task needs to rebuild its {@link Trial}; the engine's own classes are not serializable. */
    private record TrialTask(int number, Map<String, String> settings, String network, Init init, String config)
            implements Serializable {
        static TrialTask of(Trial trial) {
            return new TrialTask(trial.number(), trial.settings(), trial.network().toString(), trial.init(),
                    TrainingStateJson.writeConfig(trial.config()));
        }

        TrialResult run(Dataset train, Dataset validation) {
            Trial trial = new Trial(number, settings, NetworkSpec.parse(network), init,
                    TrainingStateJson.readConfig(config));
            return trial.run(new TrainingData(train, validation, null), KernelChoice.provider());
        }
    }

    @Override
    public void run(List<Trial> trials, TrainingData data, Consumer<TrialResult> done) {
        Broadcast<Dataset> train = spark.broadcast(data.train());
        Broadcast<Dataset> validation = spark.broadcast(data.validation());
        try {
            // Spark takes jobs from many driver threads at once; each thread waits for its trial's job.
            TrialRunner.inParallel(trials, 64, trial -> {
                TrialTask task = TrialTask.of(trial);
                spark.setJobDescription("glassbox trial " + task.number());
                return spark.parallelize(List.of(task), 1).map(t -> t.run(train.value(), validation.value()))
                        .collect().get(0);
            }, done);
        } finally {
            train.destroy();
            validation.destroy();
        }
    }
}
