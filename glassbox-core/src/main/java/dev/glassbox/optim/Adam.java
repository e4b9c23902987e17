package dev.glassbox.optim;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.nn.Parameter;
import dev.glassbox.nn.StepUpdates;
import dev.glassbox.tensor.PortableMath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015) and AdamW (Loshchilov &amp; Hutter 2019):
 * <pre>
 *   g = ∂loss/∂w (+ λw for Adam's L2 decay)
 *   m = β₁m + (1 − β₁)g;   v = β₂v + (1 − β₂)g²
 *   w −= η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)   (AdamW first: w −= ηλw)
 * </pre>
 * AdamW decouples the decay from the adaptive scaling, so every weight shrinks at the same rate.
 */
final class Adam implements Optimizer {
    private final OptimizerConfig config;
    private final ParameterState firstMoment = new ParameterState();
    private final ParameterState secondMoment = new ParameterState();
    private final ParameterUpdates<Update> updates = new ParameterUpdates<>(this::bind);
    private final Parallel.Loop<Update> updateLoop = this::update; // made once, with the optimizer
    private long steps;
    // This step's scalars, read by every parameter's update.
    private float rate;
    private float correction1;
    private float correction2;

    Adam(OptimizerConfig config) {
        this.config = config;
    }

    private final BoundStep<Update> step = new BoundStep<>(updates, updateLoop);

    @Override
    public StepUpdates begin(List<Parameter> parameters, float learningRate) {
        steps++;
        rate = learningRate;
        correction1 = (float) (1 - PortableMath.pow(config.beta1(), steps));
        correction2 = (float) (1 - PortableMath.pow(config.beta2(), steps));
        return step.of(parameters);
    }

    @Override
    public OptimizerState state(List<Parameter> parameters) {
        Map<String, float[]> arrays = new LinkedHashMap<>();
        firstMoment.export(FIRST, parameters, arrays);
        secondMoment.export(SECOND, parameters, arrays);
        return new OptimizerState(steps, arrays);
    }

    @Override
    public void restore(OptimizerState state, List<Parameter> parameters) {
        OptimizerStates.requireOnly(state, this, FIRST, SECOND);
        firstMoment.restore(FIRST, parameters, state.arrays());
        secondMoment.restore(SECOND, parameters, state.arrays());
        updates.rebind();
        steps = state.steps();
    }

    private static final String FIRST = "m";
    private static final String SECOND = "v";

    private Update bind(List<Parameter> parameters, int p) {
        Parameter parameter = parameters.get(p);
        float decay = parameter.kind() == Parameter.Kind.WEIGHT ? config.weightDecay() : 0f;
        return new Update(parameter.value().data(), parameter.gradient().data(), firstMoment.of(parameters, p),
                secondMoment.of(parameters, p), decay);
    }

    /** One parameter's values, gradient, moments and weight decay: the job of its update. */
    private record Update(float[] w, float[] grad, float[] m, float[] v, float decay) {}

    /** The update of one parameter over a range of its values, with this step's scalars. */
    private void update(Update u, int from, int to) {
        // Locals, not fields, in the loop: a compiler that cannot prove the fields unchanged
        // (TeaVM's WebAssembly) would reload each of them for every weight.
        float b1 = config.beta1();
        float b2 = config.beta2();
        float eps = config.epsilon();
        float rate = this.rate;
        float correction1 = this.correction1;
        float correction2 = this.correction2;
        boolean decoupled = config.kind() == OptimizerConfig.Kind.ADAMW;
        float l2 = decoupled ? 0f : u.decay();
        float shrink = decoupled ? 1f - rate * u.decay() : 1f;
        float[] w = u.w();
        float[] grad = u.grad();
        float[] m = u.m();
        float[] v = u.v();
        for (int i = from; i < to; i++) {
            float g = grad[i] + l2 * w[i];
            m[i] = b1 * m[i] + (1 - b1) * g;
            v[i] = b2 * v[i] + (1 - b2) * g * g;
            float mHat = m[i] / correction1;
            float vHat = v[i] / correction2;
            w[i] = w[i] * shrink - rate * mHat / ((float) Math.sqrt(vHat) + eps);
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
