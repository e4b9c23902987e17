package dev.glassbox.nn;

import dev.glassbox.tensor.Matrix;

/** Shape checks shared by the layers: the input's columns, and a backward that matches its forward. */
final class Shapes {
    private Shapes() {}

    static void requireColumns(Layer layer, String what, Matrix m, int expected) {
        if (m.cols() != expected) {
            throw new IllegalArgumentException(layer + "." + what + " has " + m.cols() + " columns, expected "
                    + expected + ". Check the network spec against the data (MNIST has 784 pixels).");
        }
    }

    /** Backward must follow a forward of the same batch. */
    static void requireForwardShape(Layer layer, Matrix dOutput, Matrix forwardOutput) {
        if (forwardOutput == null) {
            throw new IllegalStateException(layer + ".backward: called before forward");
        }
        if (dOutput.rows() != forwardOutput.rows() || dOutput.cols() != forwardOutput.cols()) {
            throw new IllegalArgumentException(layer + ".backward: dOutput has shape " + dOutput.shape()
                    + ", expected " + forwardOutput.shape() + " as produced by the last forward");
        }
    }
}
