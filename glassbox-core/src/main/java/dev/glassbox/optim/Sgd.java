package dev.glassbox.optim;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, optionally with momentum (PyTorch's formulation):
 * <pre>
 *   g = ∂loss/∂w + λw            (L2 weight decay, weights only)
 *   plain:     w −= η g
 *   momentum:  v = μv + g;  w −= η v
 *   Nesterov:  v = μv + g;  w −= η (g + μv)
 * </pre>
 */
final class Sgd implements Optimizer {
    private final OptimizerConfig config;
    private final ParameterState velocity = new ParameterState();
    private final Update update = new Update();
    private long steps;

    Sgd(OptimizerConfig config) {
        this.config = config;
        update.kind = config.kind();
        update.mu = config.momentum();
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate, Parallel parallel) {
        steps++;
        Update u = update;
        u.rate = learningRate;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            u.w = parameter.value().data();
            u.grad = parameter.gradient().data();
            u.v = config.kind() == OptimizerConfig.Kind.SGD ? null : velocity.of(parameters, p);
            u.decay = parameter.kind() == Parameter.Kind.WEIGHT ? config.weightDecay() : 0f;
            parallel.forRanges(u.w.length, u);
        }
        u.w = null;
        u.grad = null;
        u.v = null;
    }

    @Override
    public OptimizerState state(List<Parameter> parameters) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        velocity.export(VELOCITY, parameters, arrays);
        return new OptimizerState(steps, arrays);
    }

    @Override
    public void restore(OptimizerState state, List<Parameter> parameters) {
        OptimizerStates.requireOnly(state, this, VELOCITY);
        velocity.restore(VELOCITY, parameters, state.arrays());
        steps = state.steps();
    }

    private static final String VELOCITY = "velocity";

    @Override
    public void setMomentum(float momentum) {
        if (config.kind() == OptimizerConfig.Kind.SGD) {
            Optimizer.super.setMomentum(momentum);
        }
        update.mu = momentum;
    }

    /** The update of one parameter over a range of its values; reused, so a step allocates nothing. */
    private static final class Update implements Parallel.Range {
        OptimizerConfig.Kind kind;
        float mu;
        float rate;
        float decay;
        float[] w;
        float[] grad;
        float[] v;

        @Override
        public void run(int from, int to) {
            // One loop per rule, each reading every array at the same index, so the JIT vectorises it.
            switch (kind) {
                case SGD -> {
                    for (int i = from; i < to; i++) {
                        w[i] -= rate * (grad[i] + decay * w[i]);
                    }
                }
                case MOMENTUM -> {
                    for (int i = from; i < to; i++) {
                        v[i] = mu * v[i] + (grad[i] + decay * w[i]);
                        w[i] -= rate * v[i];
                    }
                }
                case NESTEROV -> {
                    for (int i = from; i < to; i++) {
                        float g = grad[i] + decay * w[i];
                        v[i] = mu * v[i] + g;
                        w[i] -= rate * (g + mu * v[i]);
                    }
                }
                default -> throw new IllegalStateException("Sgd: not an SGD rule: " + kind);
            }
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
