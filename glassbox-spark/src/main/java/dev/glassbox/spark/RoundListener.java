package dev.glassbox.spark;

/** Receives each round of a {@link SparkTrainer} run, on the driver's thread. */
@FunctionalInterface
public interface RoundListener {
    void round(Round round);
}
