package dev.glassbox.cli;

import dev.glassbox.jvm.io.CheckpointFiles;
import dev.glassbox.nn.Network;
import dev.glassbox.train.TrainingResult;
import dev.glassbox.train.TrainingRun;
import dev.glassbox.train.TrainingState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Drives a training run to its end, saving a checkpoint on the schedule and, when the user
 * presses Ctrl-C, one last checkpoint before the process goes down.
 */
final class CheckpointedRun {
    private final CheckpointSchedule schedule;
    private final Path file;
    private final Map<String, String> metadata;
    private final String resumeCommand;
    private boolean wroteAny;

    /**
     * @param file where checkpoints go, each replacing the last
     * @param metadata stored with every checkpoint (provenance, run settings, the run's name)
     * @param resumeCommand what the user types to continue after Ctrl-C
     */
    CheckpointedRun(CheckpointSchedule schedule, Path file, Map<String, String> metadata, String resumeCommand) {
        this.schedule = schedule;
        this.file = file;
        this.metadata = metadata;
        this.resumeCommand = resumeCommand;
    }

    /**
     * Steps {@code run} to the end.
     *
     * @return the result, or null if the run was interrupted (a checkpoint then holds it, and
     *     {@code err} says how to resume)
     */
    TrainingResult complete(TrainingRun run, Network network, Interruption interruption, PrintWriter err) {
        long interval = schedule.intervalBatches(run.batchesPerEpoch());
        long last = System.nanoTime();
        while (run.step()) {
            if (interruption.requested()) {
                TrainingState state = run.state();
                save(network, state);
                err.println();
                err.printf(Locale.ROOT, "Interrupted in epoch %d after batch %d of %d. Saved a checkpoint to %s;"
                        + " resume with: %s%n", state.progress().epoch(), state.progress().batch(), run.batchesPerEpoch(), file,
                        resumeCommand);
                err.flush();
                interruption.handled();
                return null;
            }
            if (schedule.enabled() && run.steps() % interval == 0 && schedule.due(System.nanoTime() - last)) {
                save(network, run.state());
                last = System.nanoTime();
            }
        }
        return run.result();
    }

    /** Whether this run has written its checkpoint file (so it is this run's to delete). */
    boolean wroteAny() {
        return wroteAny;
    }

    private void save(Network network, TrainingState state) {
        CheckpointFiles.save(file, network, state, metadata);
        wroteAny = true;
    }
}
