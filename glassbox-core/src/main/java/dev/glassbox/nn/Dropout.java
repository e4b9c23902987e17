package dev.glassbox.nn;

import dev.glassbox.tensor.Matrix;
import java.util.List;

/**
 * Inverted dropout: while training, each value is zeroed with probability {@code rate} and the
 * survivors are scaled by 1/(1 − rate), so inference needs no rescaling and passes values through.
 */
public final class Dropout implements Layer {
    private final float rate;
    private final int width;
    private Matrix mask;
    private final BatchBuffer maskBuffer = new BatchBuffer();
    private Matrix output;
    private final BatchBuffer outputBuffer = new BatchBuffer();
    private Matrix dInput;
    private final BatchBuffer dInputBuffer = new BatchBuffer();
    private boolean masked;

    public Dropout(float rate, int width) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        if (width < 1) {
            throw new IllegalArgumentException("Dropout: width must be at least 1, got " + width);
        }
        this.rate = rate;
        this.width = width;
    }

    public float rate() {
        return rate;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public Matrix forward(Matrix input, Pass pass) {
        Shapes.requireColumns(this, "forward: input", input, width);
        output = outputBuffer.get(input.rows(), width);
        masked = pass.training() && rate > 0f;
        if (!masked) {
            output.copyFrom(input);
            return output;
        }
        mask = maskBuffer.get(input.rows(), width);
        float keep = 1f / (1f - rate);
        float[] m = mask.data();
        float[] x = input.data();
        float[] y = output.data();
        for (int i = 0; i < m.length; i++) {
            m[i] = pass.random().nextFloat() < rate ? 0f : keep;
            y[i] = x[i] * m[i];
        }
        return output;
    }

    @Override
    public Matrix backward(Matrix dOutput, Pass pass, InputGradient inputGradient) {
        Shapes.requireForwardShape(this, dOutput, output);
        if (inputGradient == InputGradient.SKIP) {
            return null;
        }
        dInput = dInputBuffer.get(dOutput.rows(), width);
        if (!masked) {
            dInput.copyFrom(dOutput);
            return dInput;
        }
        float[] m = mask.data();
        float[] dy = dOutput.data();
        float[] dx = dInput.data();
        for (int i = 0; i < m.length; i++) {
            dx[i] = dy[i] * m[i];
        }
        return dInput;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
