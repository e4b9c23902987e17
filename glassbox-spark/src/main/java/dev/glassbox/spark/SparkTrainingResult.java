package dev.glassbox.spark;

import java.util.List;

/**
 * What a {@link SparkTrainer} run produced; the network it trained holds the weights of
 * {@code bestRound}.
 *
 * @param rounds every round, in order
 * @param bestRound the round whose weights were kept: the best evaluation by
 *     {@link dev.glassbox.train.BestEpoch#isBetter}, or the last round
 *     when there is no validation set
 * @param stoppedEarly whether {@code patience} evaluations without improvement ended the run
 * @param seconds wall time of the whole run on the driver
 */
public record SparkTrainingResult(List<Round> rounds, int bestRound, boolean stoppedEarly, double seconds) {
    public SparkTrainingResult {
        rounds = List.copyOf(rounds);
    }

    public Round last() {
        return rounds.get(rounds.size() - 1);
    }

    /** Training samples over all rounds divided by the run's wall time. */
    public double samplesPerSecond() {
        return rounds.stream().mapToLong(Round::samples).sum() / seconds;
    }
}
