package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import java.util.List;

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

    Sgd(OptimizerConfig config) {
        this.config = config;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        float mu = config.momentum();
        boolean useVelocity = config.kind() != OptimizerConfig.Kind.SGD;
        boolean nesterov = config.kind() == OptimizerConfig.Kind.NESTEROV;
        for (int p = 0; p < parameters.size(); p++) {
            Parameter parameter = parameters.get(p);
            float[] w = parameter.value().data();
            float[] grad = parameter.gradient().data();
            float decay = parameter.kind() == Parameter.Kind.WEIGHT ? config.weightDecay() : 0f;
            if (!useVelocity) {
                for (int i = 0; i < w.length; i++) {
                    w[i] -= learningRate * (grad[i] + decay * w[i]);
                }
                continue;
            }
            float[] v = velocity.of(parameters, p);
            for (int i = 0; i < w.length; i++) {
                float g = grad[i] + decay * w[i];
                v[i] = mu * v[i] + g;
                w[i] -= learningRate * (nesterov ? g + mu * v[i] : v[i]);
            }
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
