package dev.glassbox.optim;

import dev.glassbox.kernels.Parallel;
import dev.glassbox.nn.Parameter;
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
    private final Update update = new Update();
    private long steps;

    Adam(OptimizerConfig config) {
        this.config = config;
        update.b1 = config.beta1();
        update.b2 = config.beta2();
        update.eps = config.epsilon();
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate, Parallel parallel) {
        steps++;
        Update u = update;
        u.rate = learningRate;
        u.correction1 = (float) (1 - PortableMath.pow(config.beta1(), steps));
        u.correction2 = (float) (1 - PortableMath.pow(config.beta2(), steps));
        boolean decoupled = config.kind() == OptimizerConfig.Kind.ADAMW;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            u.w = parameter.value().data();
            u.grad = parameter.gradient().data();
            u.m = firstMoment.of(parameters, p);
            u.v = secondMoment.of(parameters, p);
            float decay = parameter.kind() == Parameter.Kind.WEIGHT ? config.weightDecay() : 0f;
            u.l2 = decoupled ? 0f : decay;
            u.shrink = decoupled ? 1f - learningRate * decay : 1f;
            parallel.forRanges(u.w.length, u);
        }
        u.w = null;
        u.grad = null;
        u.m = null;
        u.v = null;
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
        steps = state.steps();
    }

    private static final String FIRST = "m";
    private static final String SECOND = "v";

    /** The update of one parameter over a range of its values; reused, so a step allocates nothing. */
    private static final class Update implements Parallel.Range {
        float b1;
        float b2;
        float eps;
        float rate;
        float correction1;
        float correction2;
        float l2;
        float shrink;
        float[] w;
        float[] grad;
        float[] m;
        float[] v;

        @Override
        public void run(int from, int to) {
            // Locals, not fields, in the loop: a compiler that cannot prove the fields unchanged
            // (TeaVM's WebAssembly) would reload each of them for every weight.
            float b1 = this.b1;
            float b2 = this.b2;
            float eps = this.eps;
            float rate = this.rate;
            float correction1 = this.correction1;
            float correction2 = this.correction2;
            float l2 = this.l2;
            float shrink = this.shrink;
            float[] w = this.w;
            float[] grad = this.grad;
            float[] m = this.m;
            float[] v = this.v;
            for (int i = from; i < to; i++) {
                float g = grad[i] + l2 * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                float mHat = m[i] / correction1;
                float vHat = v[i] / correction2;
                w[i] = w[i] * shrink - rate * mHat / ((float) Math.sqrt(vHat) + eps);
            }
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
