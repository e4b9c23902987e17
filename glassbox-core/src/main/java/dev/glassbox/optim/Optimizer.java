package dev.glassbox.optim;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.StepUpdates;
import java.util.List;

/**
 * Turns accumulated gradients into weight changes: one small step downhill on the loss.
 *
 * <p>Contract: call {@link #step} once per batch, after backward (or {@link #begin} before it), always with the same parameter
 * list (per-parameter state such as momentum is kept by position). The step modifies the
 * parameters' values, not their gradients. Each value is updated from its own gradient and state
 * only, so the update may be split across threads without changing the result.
 */
public interface Optimizer {

    /** Updates every parameter (modifies values and this optimizer's state), splitting the work with {@code parallel}. */
    default void step(List<Parameter> parameters, float learningRate, Parallel parallel) {
        StepUpdates updates = begin(parameters, learningRate);
        for (int p = 0; p < parameters.size(); p++) { // indexed: no iterator in the training loop
            parallel.forRanges(parameters.get(p).value().size(), updates.job(p), updates.loop());
        }
    }

    /**
     * Begins a step whose updates the caller runs itself, each over every value of its parameter
     * exactly once, once that parameter's gradient is final — the training step runs them in the
     * backward pass, as each gradient is written. The same values and state as {@link #step}, to
     * the bit. The returned object serves this step only.
     */
    StepUpdates begin(List<Parameter> parameters, float learningRate);

    /** Updates every parameter on the calling thread. */
    default void step(List<Parameter> parameters, float learningRate) {
        step(parameters, learningRate, Parallel.SEQUENTIAL);
    }

    /** What it remembers between steps (a copy), for a checkpoint; {@code parameters} as passed to {@link #step}. */
    OptimizerState state(List<Parameter> parameters);

    /**
     * Continues from a saved state (modifies this optimizer), as if it had taken the steps itself.
     *
     * @throws IllegalArgumentException if the state does not fit the parameters or this kind of optimizer
     */
    void restore(OptimizerState state, List<Parameter> parameters);

    /**
     * Changes μ for the steps that follow (modifies this optimizer): a {@link MomentumRamp}.
     *
     * @throws UnsupportedOperationException for an optimizer without momentum
     */
    default void setMomentum(float momentum) {
        throw new UnsupportedOperationException(this + " has no momentum to change; use momentum or nesterov");
    }

    /** Its settings, e.g. {@code Adam[beta1=0.9, beta2=0.999, epsilon=1.0E-8, weightDecay=0]}. */
    @Override
    String toString();
}
