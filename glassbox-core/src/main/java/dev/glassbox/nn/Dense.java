package dev.glassbox.nn;

import dev.glassbox.kernels.Kernels;
import dev.glassbox.tensor.Matrix;
import java.util.List;

/**
 * A fully connected layer: every output neuron sums its weighted inputs plus a bias,
 * {@code Y = X·Wᵀ + b}.
 *
 * <p>Shapes: X (batch, in), W (out, in) — row o holds the incoming weights of neuron o, as in
 * PyTorch — b (1, out), Y (batch, out). The activation is a separate {@link ActivationLayer}.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;
    private Matrix input;
    private Matrix output;
    private final BatchBuffer outputBuffer = new BatchBuffer();
    private Matrix dInput;
    private final BatchBuffer dInputBuffer = new BatchBuffer();

    /** A layer of zeros named {@code prefix.weight} and {@code prefix.bias}; initialise with {@link Init}. */
    public Dense(String prefix, int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("Dense: sizes must be at least 1, got " + in + "→" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = Parameter.zeros(weightName(prefix), out, in, Parameter.Kind.WEIGHT);
        this.bias = Parameter.zeros(biasName(prefix), 1, out, Parameter.Kind.BIAS);
    }

    static String weightName(String prefix) {
        return prefix + ".weight";
    }

    static String biasName(String prefix) {
        return prefix + ".bias";
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    /** Y(batch, out) = X(batch, in) · Wᵀ(in, out) + b. */
    @Override
    public Matrix forward(Matrix input, Pass pass) {
        return forward(input, pass, Kernels.Epilogue.NONE);
    }

    /**
     * Y = relu(X·Wᵀ + b) in one pass over Y: this layer followed by a ReLU, fused by {@link Network}.
     * The layer's output then holds the activations, not the sums.
     */
    Matrix forwardRelu(Matrix input, Pass pass) {
        return forward(input, pass, Kernels.Epilogue.RELU);
    }

    private Matrix forward(Matrix input, Pass pass, Kernels.Epilogue epilogue) {
        Shapes.requireColumns(this, "forward: input", input, in);
        this.input = input;
        int batch = input.rows();
        output = outputBuffer.get(batch, out);
        pass.kernels().linear(input.data(), weight.value().data(), bias.value().data(), output.data(), batch, out, in,
                epilogue);
        return output;
    }

    /** dW += dYᵀ·X, db += Σ_batch dY, dX = dY·W. */
    @Override
    public Matrix backward(Matrix dOutput, Pass pass, InputGradient inputGradient) {
        return backward(dOutput, pass, inputGradient, false);
    }

    /**
     * As {@link #backward(Matrix, Pass, InputGradient)}; with {@code fresh}, the gradients are
     * written rather than added to, as if they had been cleared first (the same bits), which
     * spares clearing them and reading them back.
     */
    Matrix backward(Matrix dOutput, Pass pass, InputGradient inputGradient, boolean fresh) {
        addParameterGradients(dOutput, pass, fresh);
        if (inputGradient == InputGradient.SKIP) {
            return null;
        }
        dInput = dInputBuffer.get(dOutput.rows(), in);
        pass.kernels().matmulNN(dOutput.data(), weight.value().data(), dInput.data(), dOutput.rows(), in, out);
        return dInput;
    }

    /**
     * As {@link #backward}, then on through the ReLU that produced this layer's input, in the same
     * pass: returns ∂loss/∂(the ReLU's input) = (dY·W) ⊙ [input &gt; 0]. Fused by {@link Network}.
     */
    Matrix backwardThroughRelu(Matrix dOutput, Pass pass, boolean fresh) {
        addParameterGradients(dOutput, pass, fresh);
        dInput = dInputBuffer.get(dOutput.rows(), in);
        pass.kernels().matmulNNRelu(dOutput.data(), weight.value().data(), input.data(), dInput.data(),
                dOutput.rows(), in, out);
        return dInput;
    }

    private void addParameterGradients(Matrix dOutput, Pass pass, boolean fresh) {
        Shapes.requireForwardShape(this, dOutput, output);
        int batch = dOutput.rows();
        if (fresh) {
            pass.kernels().matmulTN(dOutput.data(), input.data(), weight.gradient().data(), out, in, batch);
            pass.kernels().columnSums(dOutput.data(), bias.gradient().data(), batch, out);
        } else {
            pass.kernels().matmulTNAdd(dOutput.data(), input.data(), weight.gradient().data(), out, in, batch);
            pass.kernels().columnSumsAdd(dOutput.data(), bias.gradient().data(), batch, out);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    @Override
    public String toString() {
        return "Dense(" + in + "→" + out + ")";
    }
}
