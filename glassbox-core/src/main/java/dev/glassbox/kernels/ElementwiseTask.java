package dev.glassbox.kernels;

/**
 * One {@link Elementwise} call split by a {@link Parallel}: its arguments, held while it runs and
 * reused, so applying an activation allocates nothing.
 */
public final class ElementwiseTask {
    private static final Parallel.Loop<ElementwiseTask> APPLY = ElementwiseTask::apply;

    private final Parallel parallel;
    private Elementwise function;
    private float[] x;
    private float[] y;
    private float[] dy;
    private float[] dx;

    public ElementwiseTask(Parallel parallel) {
        this.parallel = parallel;
    }

    public void forward(Elementwise f, float[] newX, float[] newY, int n) {
        run(f, newX, newY, null, null, n);
    }

    public void backward(Elementwise f, float[] newX, float[] newY, float[] newDy, float[] newDx, int n) {
        run(f, newX, newY, newDy, newDx, n);
    }

    private void run(Elementwise f, float[] newX, float[] newY, float[] newDy, float[] newDx, int n) {
        function = f;
        x = newX;
        y = newY;
        dy = newDy;
        dx = newDx;
        try {
            parallel.forRanges(n, this, APPLY);
        } finally {
            function = null;
            x = y = dy = dx = null;
        }
    }

    private void apply(int from, int to) {
        if (dx == null) {
            function.forward(x, y, from, to);
        } else {
            function.backward(x, y, dy, dx, from, to);
        }
    }
}
