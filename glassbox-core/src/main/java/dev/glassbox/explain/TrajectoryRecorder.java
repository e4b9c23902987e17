package dev.glassbox.explain;

import dev.glassbox.nn.Network;
import dev.glassbox.train.TrainingEvents;
import dev.glassbox.train.TrainingListener;

/**
 * Records a training run's path into a {@link Trajectory}: θ₀ when it starts, θ after each step
 * on the trajectory's spacing, and the weights the run ends with.
 */
public final class TrajectoryRecorder implements TrainingListener {
    private final Trajectory trajectory;
    private final Network network;
    private long step;
    private int epoch;

    /** @param network the network being trained, read (never modified) after each step */
    public TrajectoryRecorder(Trajectory trajectory, Network network) {
        this.trajectory = trajectory;
        this.network = network;
    }

    public Trajectory trajectory() {
        return trajectory;
    }

    @Override
    public void started(TrainingEvents.Started event) {
        trajectory.record(step, epoch, network);
    }

    @Override
    public void batch(TrainingEvents.Batch event) {
        step++;
        epoch = event.epoch();
        trajectory.record(step, epoch, network);
    }

    @Override
    public void finished(TrainingEvents.Finished event) {
        trajectory.finish(step, epoch, network);
    }
}
