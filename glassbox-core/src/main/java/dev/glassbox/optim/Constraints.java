package dev.glassbox.optim;

import dev.glassbox.nn.Parameter;
import java.util.List;

/** Limits applied around an optimizer step to keep training stable. */
public final class Constraints {
    private Constraints() {}

    /**
     * Gradient-norm clipping: if the norm of all gradients together exceeds {@code maxNorm}, scales
     * them all down to that norm (modifies the gradients), so one bad batch cannot throw the
     * weights far away.
     *
     * @return the norm before clipping
     */
    public static double clipGradientNorm(List<Parameter> parameters, double maxNorm) {
        double sumSquares = 0;
        // Indexed loops over the parameters: no iterator is allocated in the training loop.
        for (int i = 0; i < parameters.size(); i++) {
            for (float g : parameters.get(i).gradient().data()) {
                sumSquares += (double) g * g;
            }
        }
        double norm = Math.sqrt(sumSquares);
        if (norm > maxNorm && norm > 0) {
            float scale = (float) (maxNorm / norm);
            for (int p = 0; p < parameters.size(); p++) {
                float[] g = parameters.get(p).gradient().data();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        }
        return norm;
    }

    /**
     * Max-norm constraint (Srivastava et al. 2014): rescales each neuron's incoming weight vector
     * — one row of an (out, in) weight matrix — to L2 norm at most {@code maxNorm} (modifies the weights).
     */
    public static void applyMaxNorm(List<Parameter> parameters, double maxNorm) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.kind() != Parameter.Kind.WEIGHT) {
                continue;
            }
            float[] w = p.value().data();
            int cols = p.value().cols();
            for (int r = 0; r < p.value().rows(); r++) {
                double sumSquares = 0;
                for (int c = 0; c < cols; c++) {
                    sumSquares += (double) w[r * cols + c] * w[r * cols + c];
                }
                double norm = Math.sqrt(sumSquares);
                if (norm > maxNorm) {
                    float scale = (float) (maxNorm / norm);
                    for (int c = 0; c < cols; c++) {
                        w[r * cols + c] *= scale;
                    }
                }
            }
        }
    }
}
