package dev.glassbox.train;

/** The loss became NaN or infinite: the weights are no longer meaningful, so training stopped. */
public final class TrainingDivergedException extends RuntimeException {

    TrainingDivergedException(int epoch, int batch, double loss, float learningRate) {
        this(epoch, batch, "the loss is " + loss, learningRate);
    }

    /** @param what what became NaN or infinite, e.g. "the loss is NaN" */
    TrainingDivergedException(int epoch, int batch, String what, float learningRate) {
        super("training diverged at epoch " + epoch + ", batch " + batch + ": " + what
                + ". Likely causes: a learning rate too high (it was " + learningRate
                + "; try 10× lower), an initialisation unsuited to the activation, or inputs not scaled to [0, 1]."
                + " Gradient clipping (--clip-norm 1) also helps.");
    }
}
