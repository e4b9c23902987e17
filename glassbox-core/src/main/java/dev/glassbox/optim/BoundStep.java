package dev.glassbox.optim;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.StepUpdates;
import java.util.List;

/** An optimizer's {@link StepUpdates}: its bound updates and its update loop, for the step under way. */
final class BoundStep<U> implements StepUpdates {
    private final ParameterUpdates<U> updates;
    private final Parallel.Loop<Object> loop;
    private List<Parameter> parameters;

    @SuppressWarnings("unchecked") // jobs come only from job(), so each is the U the loop takes
    BoundStep(ParameterUpdates<U> updates, Parallel.Loop<U> loop) {
        this.updates = updates;
        this.loop = (Parallel.Loop<Object>) (Parallel.Loop<?>) loop;
    }

    /** This step's updates are those of {@code parameters}. */
    BoundStep<U> of(List<Parameter> parameters) {
        this.parameters = parameters;
        return this;
    }

    @Override
    public Object job(int index) {
        return updates.of(parameters, index);
    }

    @Override
    public Parallel.Loop<Object> loop() {
        return loop;
    }
}
