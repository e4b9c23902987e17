package dev.glassbox.explain;

import dev.glassbox.jvm.kernels.KernelChoice;
import dev.glassbox.loss.SoftmaxCrossEntropy;
import dev.glassbox.nn.Network;
import dev.glassbox.nn.NetworkSpec;
import dev.glassbox.nn.Parameter;
import dev.glassbox.testkit.SeededRandom;

/** The small seeded networks and examples the explain tests run. */
final class TestNetworks {
    private TestNetworks() {}

    /** A network of {@code spec} from {@code seed}, its biases random too (the builder leaves them zero). */
    static Network withBiases(String spec, long seed) {
        Network network = NetworkSpec.parse(spec).build(seed);
        for (Parameter p : network.parameters()) {
            if (p.kind() == Parameter.Kind.BIAS) {
                p.value().copyFrom(SeededRandom.matrix(1, p.value().cols(), seed + 1));
            }
        }
        return network;
    }

    /** Pixel-like inputs, uniform in [0, 1). */
    static float[] pixels(int n, long seed) {
        var random = SeededRandom.random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextDouble();
        }
        return x;
    }

    /** An explainer of a classifier trained with cross-entropy. */
    static Explainer explainer(Network network) {
        return Explainer.of(network, new SoftmaxCrossEntropy(), KernelChoice.provider());
    }
}
