package dev.glassbox.optim;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.StepUpdates;
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
    private final ParameterUpdates<Update> updates = new ParameterUpdates<>(this::bind);
    private final Parallel.Loop<Update> updateLoop = this::update; // made once, with the optimizer
    private long steps;
    /** μ, which a {@link MomentumRamp} may change between steps. */
    private float momentum;
    /** This step's learning rate, read by every parameter's update. */
    private float rate;

    Sgd(OptimizerConfig config) {
        this.config = config;
        this.momentum = config.momentum();
    }

    private final BoundStep<Update> step = new BoundStep<>(updates, updateLoop);

    @Override
    public StepUpdates begin(List<Parameter> parameters, float learningRate) {
        steps++;
        rate = learningRate;
        return step.of(parameters);
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
        updates.rebind();
        steps = state.steps();
    }

    private static final String VELOCITY = "velocity";

    @Override
    public void setMomentum(float momentum) {
        if (config.kind() == OptimizerConfig.Kind.SGD) {
            Optimizer.super.setMomentum(momentum);
        }
        this.momentum = momentum;
    }

    private Update bind(List<Parameter> parameters, int p) {
        Parameter parameter = parameters.get(p);
        float[] v = config.kind() == OptimizerConfig.Kind.SGD ? null : velocity.of(parameters, p);
        float decay = parameter.kind() == Parameter.Kind.WEIGHT ? config.weightDecay() : 0f;
        return new Update(parameter.value().data(), parameter.gradient().data(), v, decay);
    }

    /** One parameter's values, gradient, velocity (none for plain SGD) and weight decay: the job of its update. */
    private record Update(float[] w, float[] grad, float[] v, float decay) {}

    /** The update of one parameter over a range of its values, with this step's rate and momentum. */
    private void update(Update u, int from, int to) {
        float rate = this.rate;
        float mu = momentum;
        float decay = u.decay();
        float[] w = u.w();
        float[] grad = u.grad();
        float[] v = u.v();
        // One loop per rule, each reading every array at the same index, so the JIT vectorises it.
        switch (config.kind()) {
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
            default -> throw new IllegalStateException("Sgd: not an SGD rule: " + config.kind());
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
