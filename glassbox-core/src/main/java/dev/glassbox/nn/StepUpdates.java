package dev.glassbox.nn;

import dev.glassbox.kernels.Parallel;

/**
 * One optimizer step, begun before its gradients exist ({@code Optimizer.begin}), so that each
 * parameter's update can run as soon as its gradient is final: range by range, in the pass of
 * the product that writes the gradient ({@link dev.glassbox.kernels.Kernels#matmulTNThen}), while
 * the gradient is still in cache. Each value's update reads only its own gradient and state, so
 * neither the ranges nor their order change a bit of the result. Defined here, below the
 * optimizers, because the network runs it: {@link Network#backwardAndUpdate}.
 */
public interface StepUpdates {
    /** The update of parameter {@code index} of the list the step began with: a job for {@link #loop()}. */
    Object job(int index);

    /** Applies a job's update to a range of its parameter's values; every value exactly once per step. */
    Parallel.Loop<Object> loop();
}
