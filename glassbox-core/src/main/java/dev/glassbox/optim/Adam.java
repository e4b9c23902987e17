package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import java.util.List;

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
    private long steps;

    Adam(OptimizerConfig config) {
        this.config = config;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        steps++;
        float b1 = config.beta1();
        float b2 = config.beta2();
        float eps = config.epsilon();
        float correction1 = (float) (1 - Math.pow(b1, steps));
        float correction2 = (float) (1 - Math.pow(b2, steps));
        boolean decoupled = config.kind() == OptimizerConfig.Kind.ADAMW;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            float[] w = parameter.value().data();
            float[] grad = parameter.gradient().data();
            float[] m = firstMoment.of(parameters, p);
            float[] v = secondMoment.of(parameters, p);
            float decay = parameter.kind() == Parameter.Kind.WEIGHT ? config.weightDecay() : 0f;
            float l2 = decoupled ? 0f : decay;
            float shrink = decoupled ? 1f - learningRate * decay : 1f;
            for (int i = 0; i < w.length; i++) {
                float g = grad[i] + l2 * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                float mHat = m[i] / correction1;
                float vHat = v[i] / correction2;
                w[i] = w[i] * shrink - learningRate * mHat / ((float) Math.sqrt(vHat) + eps);
            }
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
