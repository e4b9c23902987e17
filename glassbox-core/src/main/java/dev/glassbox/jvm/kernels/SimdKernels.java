package dev.glassbox.jvm.kernels;

import dev.glassbox.kernels.Elementwise;
import dev.glassbox.kernels.ElementwiseTask;
import dev.glassbox.kernels.Kernels;
import dev.glassbox.kernels.Parallel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API ({@code jdk.incubator.vector}), loaded only when that module is
 * present (see {@link KernelChoice}); the only class that imports it.
 *
 * <p>Every product runs through one blocked GEMM, {@code C (+)= A·B}, whatever the layouts: A is
 * read in place through a row and a column stride, B is packed into panels of {@code NR = 2 ×
 * lanes} columns (zero-padded, so edges need no special code), and a register micro-kernel keeps
 * an {@code MR × NR} tile of C in 16 vector registers while it walks a block of depths with fused
 * multiply-adds. Threads first pack B together, then take units of C (a panel × 64 rows) from a
 * shared counter; each element of C is summed in the same order whoever computes it, so results
 * never depend on the thread count or on scheduling.
 *
 * <p>The depth is walked in blocks of {@link KernelShape#depthBlock()}, a size chosen for the
 * processor. A block's partial sums wait in the unit's scratch, in registers' precision, and the
 * next block's multiply-adds go on from them, so each element of C is one chain of multiply-adds
 * over the whole depth: the block size changes the speed, never the bits.
 *
 * <p>Inputs blank in every sample of a batch are left out. MNIST's borders are: about a third of
 * the pixels of a batch of 128. The forward product of a layer with fewer samples than neurons
 * skips those depths, and a weight gradient skips those columns of its input (writing the +0 that
 * a sum of zeros gives). A product with a zero adds nothing to a sum of finite values, so the bits
 * are the same; {@link #skippedMultiplyAdds()} counts what was left out, so that a rate can be
 * quoted for the arithmetic done.
 */
final class SimdKernels implements PooledKernels {
    static final String NAME = "simd";

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns per micro-tile: two vectors. */
    private static final int NR = 2 * L;
    /** Rows per micro-tile: 8 rows × 2 vectors = 16 accumulators, half the AVX-512 register file. */
    private static final int MR = 8;
    /** Depths per slice of a transposing pack: 64 × NR floats written, 8 KB with AVX-512. */
    private static final int TRANSPOSE_SLICE = 64;
    /** Rows of one unit of work: 8 micro-tiles, so a packed panel serves 64 rows before it is packed again. */
    private static final int ROWS_PER_UNIT = 8 * MR;
    /** Below this many multiply-adds per thread, waking another thread costs more than it saves. */
    private static final long MIN_WORK_PER_WORKER = 1 << 18;
    /**
     * All-zero depths or columns are left out only when at least 1 in this many are: fewer save
     * less than the gathers and scattered stores they bring cost.
     */
    private static final int MIN_SKIPPED_SHARE = 8;

    /** Where the first depth block's sums start. */
    private static final float[] ZEROS = new float[MR * NR];

    private final WorkerPool workers;
    private final Gemm gemm = new Gemm();
    private final ColumnTask columnTask = new ColumnTask();
    /** Per column of an operand, its largest magnitude, to find the columns of zeros; grown on demand. */
    private float[] columnMaxima = new float[0];
    /** {@code identity[i] = i}: the depths and columns of a product that leaves nothing out; grown on demand. */
    private int[] identity = new int[0];
    private long skippedMultiplyAdds;
    /** exp(z − max) of one row, for {@link #softmaxCrossEntropy}; grown on demand. */
    private float[] softmaxRow = new float[0];
    private final ElementwiseTask elementwise;

    private final KernelShape shape;

    SimdKernels(int threads) {
        this(threads, KernelTuning.shape());
    }

    SimdKernels(int threads, KernelShape shape) {
        this.workers = new WorkerPool(threads);
        this.shape = shape;
        this.gemm.depthBlock = shape.depthBlock();
        this.gemm.pool = workers;
        this.gemm.tiles = new float[threads][MR * NR];
        this.gemm.partials = new float[threads][ROWS_PER_UNIT * NR];
        this.elementwise = new ElementwiseTask(this); // through forRanges, onto the pool
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int threads() {
        return workers.threads();
    }

    @Override
    public String shape() {
        return MR + "×" + NR + " register tile, " + L * Float.SIZE + "-bit vectors, depth blocks of " + shape.depthBlock();
    }

    @Override
    public int vectorBits() {
        return L * Float.SIZE;
    }

    @Override
    public void matmulNT(float[] a, float[] b, float[] c, int m, int n, int k) {
        linear(a, b, null, c, m, n, k, Epilogue.NONE);
    }

    /**
     * Both operands hold their depth contiguously, so one of them must be transposed while packed.
     * Pack the smaller: with fewer samples than neurons (the usual case), compute
     * {@code yᵀ(out, batch) = w · xᵀ}, reading w in place and writing the result transposed.
     */
    @Override
    public void linear(float[] x, float[] w, float[] bias, float[] y, int batch, int out, int in, Epilogue epilogue) {
        gemm.relu = epilogue == Epilogue.RELU;
        if (batch < out) {
            // A(i, p) = w[i·in + p]; B(p, j) = x[j·in + p]; C(i, j) stored at y[j·out + i].
            skipZeroDepths(x, batch, in); // pixels that are blank in every sample of the batch
            run(w, in, 1, x, 1, in, bias, y, out, batch, in, false, true);
        } else {
            // A(i, p) = x[i·in + p]; B(p, j) = w[j·in + p].
            run(x, in, 1, w, 1, in, bias, y, batch, out, in, false, false);
        }
    }

    @Override
    public void matmulTNAdd(float[] a, float[] b, float[] c, int m, int n, int k) {
        // A(i, p) = a[p·m + i], the transpose of a; B(p, j) = b[p·n + j].
        skipZeroColumns(b, k, n);
        run(a, 1, m, b, n, 1, null, c, m, n, k, true, false);
    }

    @Override
    public void matmulTN(float[] a, float[] b, float[] c, int m, int n, int k) {
        gemm.fromZero = true;
        skipZeroColumns(b, k, n);
        run(a, 1, m, b, n, 1, null, c, m, n, k, false, false);
    }

    @Override
    @SuppressWarnings("unchecked") // the loop gets back only the job handed over with it
    public <J> void matmulTNThen(float[] a, float[] b, float[] c, int m, int n, int k, J job,
            Parallel.Loop<J> then) {
        Gemm g = gemm;
        int chunks = (m + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
        if (g.chunksDone.length() < chunks) {
            g.chunksDone = new AtomicIntegerArray(chunks);
        } else {
            for (int i = 0; i < chunks; i++) {
                g.chunksDone.set(i, 0);
            }
        }
        g.fromZero = true;
        g.then = (Parallel.Loop<Object>) then;
        g.thenJob = job;
        try {
            skipZeroColumns(b, k, n);
            run(a, 1, m, b, n, 1, null, c, m, n, k, false, false);
        } finally {
            g.then = null;
            g.thenJob = null;
        }
    }

    @Override
    public void matmulNN(float[] a, float[] b, float[] c, int m, int n, int k) {
        run(a, k, 1, b, n, 1, null, c, m, n, k, false, false);
    }

    @Override
    public void matmulNNRelu(float[] a, float[] b, float[] activated, float[] c, int m, int n, int k) {
        gemm.activated = activated;
        run(a, k, 1, b, n, 1, null, c, m, n, k, false, false);
    }

    @Override
    public long skippedMultiplyAdds() {
        return skippedMultiplyAdds;
    }

    /**
     * Leaves out of the next product the depths p at which x(rows, cols) — B, read as
     * {@code B(p, j) = x[j·cols + p]} — is zero in every row, when there are enough of them.
     */
    private void skipZeroDepths(float[] x, int rows, int cols) {
        Gemm g = gemm;
        g.depthList = grow(g.depthList, cols);
        int kept = nonZeroColumns(x, rows, cols, g.depthList);
        if (worthSkipping(kept, cols)) {
            g.depths = g.depthList;
            g.keptDepths = kept;
        }
    }

    /** Leaves out of the next product the columns of B(rows, cols) that are zero in every row, when there are enough of them. */
    private void skipZeroColumns(float[] b, int rows, int cols) {
        Gemm g = gemm;
        g.columnList = grow(g.columnList, cols);
        int kept = nonZeroColumns(b, rows, cols, g.columnList);
        if (kept > 0 && worthSkipping(kept, cols)) {
            g.columns = g.columnList;
            g.keptColumns = kept;
            g.skippedColumns = grow(g.skippedColumns, cols - kept);
            for (int j = 0, q = 0, s = 0; j < cols; j++) {
                if (q < kept && g.columnList[q] == j) {
                    q++;
                } else {
                    g.skippedColumns[s++] = j;
                }
            }
        }
    }

    private static boolean worthSkipping(int kept, int all) {
        return (all - kept) * MIN_SKIPPED_SHARE >= all;
    }

    /**
     * Lists in {@code kept}, ascending, the columns of x(rows, cols) that hold a value other than
     * ±0, and returns how many there are. A NaN counts as a value: its column is kept.
     */
    private int nonZeroColumns(float[] x, int rows, int cols, int[] kept) {
        if (columnMaxima.length < cols) {
            columnMaxima = new float[cols];
        }
        float[] max = columnMaxima;
        Arrays.fill(max, 0, cols, 0f);
        int bound = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int row = i * cols;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, x, row + j).abs().max(FloatVector.fromArray(S, max, j)).intoArray(max, j);
            }
            for (; j < cols; j++) {
                max[j] = Math.max(Math.abs(x[row + j]), max[j]);
            }
        }
        int count = 0;
        for (int j = 0; j < cols; j++) {
            if (max[j] != 0f) {
                kept[count++] = j;
            }
        }
        return count;
    }

    /** {@code identity[i] = i} for i &lt; size. */
    private int[] identity(int size) {
        if (identity.length < size) {
            int[] grown = new int[Math.max(size, 2 * identity.length)];
            for (int i = 0; i < grown.length; i++) {
                grown[i] = i;
            }
            identity = grown;
        }
        return identity;
    }

    private static int[] grow(int[] array, int size) {
        return array.length >= size ? array : new int[Math.max(size, 2 * array.length)];
    }

    private void run(float[] a, int aRowStride, int aColStride, float[] b, int bRowStride, int bColStride,
            float[] bias, float[] c, int m, int n, int k, boolean accumulate, boolean transposeC) {
        Gemm g = gemm;
        if (m == 0 || n == 0) {
            g.depths = null;
            g.columns = null;
            return;
        }
        g.a = a;
        g.aRowStride = aRowStride;
        g.aColStride = aColStride;
        g.b = b;
        g.bRowStride = bRowStride;
        g.bColStride = bColStride;
        g.bias = bias;
        g.c = c;
        g.m = m;
        g.n = n;
        g.k = k;
        g.accumulate = accumulate;
        g.transposeC = transposeC;
        if (g.depths == null) {
            g.depths = identity(k);
            g.keptDepths = k;
        }
        if (g.columns == null) {
            g.columns = identity(n);
            g.keptColumns = n;
        }
        int depths = g.keptDepths;
        int columns = g.keptColumns;
        skippedMultiplyAdds += (long) m * ((long) n * k - (long) columns * depths);
        g.depthOffsets = grow(g.depthOffsets, depths);
        g.runEnds = grow(g.runEnds, depths);
        for (int q = depths - 1; q >= 0; q--) {
            g.depthOffsets[q] = g.depths[q] * aColStride;
            boolean runGoesOn = q + 1 < depths && g.depths[q + 1] == g.depths[q] + 1;
            g.runEnds[q] = runGoesOn ? g.runEnds[q + 1] : q + 1;
        }
        long work = (long) m * columns * Math.max(1, depths);
        int units = (columns + NR - 1) / NR * ((m + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT);
        int count = (int) Math.max(1, Math.min(Math.min(workers.threads(), units), work / MIN_WORK_PER_WORKER));
        int packedSize = (columns + NR - 1) / NR * NR * depths;
        if (g.packed.length < packedSize) {
            g.packed = new float[packedSize];
        }
        g.nextPanel.set(0);
        g.packedPanels.set(0);
        g.nextUnit.set(0);
        try {
            workers.run(g, count);
        } finally {
            g.a = null;
            g.b = null;
            g.c = null;
            g.bias = null;
            g.activated = null;
            g.relu = false;
            g.fromZero = false;
            g.depths = null;
            g.columns = null;
        }
    }

    /** One product, split across workers; its fields are set before each run. */
    private static final class Gemm implements WorkerPool.Task {
        float[] a;
        int aRowStride;
        int aColStride;
        float[] b;
        int bRowStride;
        int bColStride;
        float[] bias;
        float[] c;
        int m;
        int n;
        int k;
        boolean accumulate;
        /** C(i, j) lives at c[j·m + i] instead of c[i·n + j]; the bias then goes with rows. */
        boolean transposeC;
        /** The output pass takes max(0, ·) after the bias. */
        boolean relu;
        /** C is written as 0 + the product, the bits of adding into zeros, without reading C. */
        boolean fromZero;
        /** When set, run on each range of rows of C once they are final, with {@link #thenJob}. */
        Parallel.Loop<Object> then;
        Object thenJob;
        /** Per chunk of rows, its units finished, while {@link #then} is set; grown on demand. */
        AtomicIntegerArray chunksDone = new AtomicIntegerArray(0);
        /** When set, (m, n) in C's layout: the output pass keeps C only where it is positive. */
        float[] activated;
        /**
         * The depths p the product sums over, ascending, and how many: every depth, or those
         * left where B is not all zeros — a product with a zero adds nothing to a sum of finite
         * values, so leaving it out changes no bits. Set before each run, null between them.
         */
        int[] depths;
        int keptDepths;
        /** Per kept depth q, where it starts in A: {@code depths[q] · aColStride}. */
        int[] depthOffsets = new int[0];
        /**
         * Per kept depth q, the end of the run of consecutive depths it belongs to: the tiles
         * step through A by its stride within a run, as cheap as with nothing left out, and look
         * an offset up only where a run starts.
         */
        int[] runEnds = new int[0];
        /** As {@link #depths}, for the columns of B and C; C's others are written as if their sums were zero. */
        int[] columns;
        int keptColumns;
        /** The columns left out, while {@link #columns} leaves any out. */
        int[] skippedColumns = new int[0];
        /** Scratch for {@link #depths} and {@link #columns} when they list a subset; grown on demand. */
        int[] depthList = new int[0];
        int[] columnList = new int[0];
        /** The pool that runs this product, told when a worker stalls the caller. */
        WorkerPool pool;
        /** B packed, shared by the workers; grown on demand. */
        float[] packed = new float[0];
        float[][] tiles;
        /** Per worker, a unit's sums between two depth blocks: {@value #ROWS_PER_UNIT} rows of NR. */
        float[][] partials;
        int depthBlock;
        final AtomicInteger nextPanel = new AtomicInteger();
        final AtomicInteger packedPanels = new AtomicInteger();
        final AtomicInteger nextUnit = new AtomicInteger();

        /**
         * Two phases in one dispatch. First the workers pack B, one column panel at a time, into
         * a shared buffer: each panel's NR columns for every depth p, contiguous. Then they take
         * units of C — one panel × up to {@value #ROWS_PER_UNIT} rows — from a shared counter, so
         * a thread the OS pauses does not hold up the others. Each unit runs the depth blocks in
         * order, so every element of C is summed the same way whoever computes it.
         */
        @Override
        public void run(int worker, int workers) {
            int columns = keptColumns;
            int depths = keptDepths;
            int panels = (columns + NR - 1) / NR;
            for (int t = nextPanel.getAndIncrement(); t < panels; t = nextPanel.getAndIncrement()) {
                packPanel(packed, t * depths * NR, depths, t * NR, Math.min(NR, columns - t * NR));
                packedPanels.incrementAndGet();
            }
            long since = System.nanoTime();
            while (packedPanels.get() < panels) {
                if (!WorkerPool.pause(since)) {
                    Thread.yield(); // packing a panel takes microseconds: whoever holds one is running again soon
                }
            }
            long waited = System.nanoTime() - since;
            if (worker == 0 && waited > WorkerPool.STALL_NANOS) {
                pool.stalled(waited); // a worker paused in the middle of its panel
            }
            int chunks = (m + ROWS_PER_UNIT - 1) / ROWS_PER_UNIT;
            int units = panels * chunks;
            float[] tile = tiles[worker];
            float[] partial = partials[worker];
            int blocks = (depths + depthBlock - 1) / depthBlock;
            for (int u = nextUnit.getAndIncrement(); u < units; u = nextUnit.getAndIncrement()) {
                // With an update to run on finished rows, a chunk of rows takes every panel in turn.
                int panel = then != null ? u % panels : u / chunks;
                int chunk = then != null ? u / panels : u % chunks;
                int j0 = panel * NR;
                int valid = Math.min(NR, columns - j0);
                int rowStart = chunk * ROWS_PER_UNIT;
                int rowEnd = Math.min(m, rowStart + ROWS_PER_UNIT);
                unit(panel, j0, valid, rowStart, rowEnd, blocks, tile, partial);
                if (then != null && chunksDone.incrementAndGet(chunk) == panels) {
                    then.run(thenJob, rowStart * n, rowEnd * n); // those rows of C are final, and still in cache
                }
            }
        }

        /**
         * One unit: rows {@code rowStart..rowEnd} of C in the panel of kept columns from {@code j0},
         * every depth block; the first panel's units also write those rows' columns left out.
         */
        private void unit(int panel, int j0, int valid, int rowStart, int rowEnd, int blocks, float[] tile,
                float[] partial) {
            if (panel == 0 && keptColumns < n) {
                finishLeftOutColumns(rowStart, rowEnd);
            }
            if (keptDepths == 0) {
                emptyProduct(rowStart, rowEnd, j0, j0 + valid);
                return;
            }
            int depths = keptDepths;
            for (int block = 0; block < blocks; block++) {
                int kStart = WorkerPool.chunk(depths, block, blocks);
                int kc = WorkerPool.chunk(depths, block + 1, blocks) - kStart;
                int end = kStart + kc;
                int packOffset = (panel * depths + kStart) * NR;
                boolean first = block == 0;
                boolean last = block == blocks - 1;
                boolean oneRun = runEnds[kStart] >= end;
                int wholeRows = rowStart + (rowEnd - rowStart) / MR * MR;
                for (int i = rowStart; i < wholeRows; i += MR) {
                    if (oneRun) {
                        tile8(i, j0, valid, depthOffsets[kStart], kc, packed, packOffset, first, last, tile, partial,
                                (i - rowStart) * NR);
                    } else {
                        tile8Runs(i, j0, valid, kStart, kc, packed, packOffset, first, last, tile, partial,
                                (i - rowStart) * NR);
                    }
                }
                // The rows left over (m not a multiple of MR): one call per run of consecutive depths.
                for (int q = kStart; q < end && wholeRows < rowEnd; ) {
                    int runEnd = Math.min(runEnds[q], end);
                    for (int i = wholeRows; i < rowEnd; i++) {
                        tile1(i, j0, valid, depthOffsets[q], runEnd - q, packed, (panel * depths + q) * NR,
                                first && q == kStart, last && runEnd == end, tile, partial, (i - rowStart) * NR);
                    }
                    q = runEnd;
                }
            }
        }

        /**
         * No depth to sum over: with k = 0, C keeps its values (accumulate) or becomes the bias or
         * zero; with every depth left out, each sum is +0.
         */
        private void emptyProduct(int rowStart, int rowEnd, int colStart, int colEnd) {
            for (int i = rowStart; i < rowEnd; i++) {
                for (int jc = colStart; jc < colEnd; jc++) {
                    int j = columns[jc];
                    if (k > 0) {
                        finishElement(0f, i, j);
                        continue;
                    }
                    int at = transposeC ? j * m + i : i * n + j;
                    float base = accumulate ? c[at] : 0f;
                    c[at] = outputPass(bias == null ? base : base + bias[transposeC ? i : j], at);
                }
            }
        }

        /** Rows {@code rowStart..rowEnd} of C in the columns left out, each from a sum of zeros, +0. */
        private void finishLeftOutColumns(int rowStart, int rowEnd) {
            int skipped = n - keptColumns;
            boolean plain = !accumulate && bias == null; // then +0, whatever the epilogue
            for (int i = rowStart; i < rowEnd; i++) {
                for (int s = 0; s < skipped; s++) {
                    if (plain) {
                        c[i * n + skippedColumns[s]] = 0f;
                    } else {
                        finishElement(0f, i, skippedColumns[s]);
                    }
                }
            }
        }

        /** C(i, j) from its sum: (C +) sum (+ bias), then the epilogue — {@link #storeTile}'s arithmetic for one element. */
        private void finishElement(float sum, int i, int j) {
            int at = transposeC ? j * m + i : i * n + j;
            float v = sum;
            if (accumulate) {
                v = c[at] + v;
            } else if (fromZero) {
                v = 0f + v;
            }
            if (bias != null) {
                v = v + bias[transposeC ? i : j];
            }
            c[at] = outputPass(v, at);
        }

        /** The epilogue of one element of C at index {@code at}, bias already added. */
        private float outputPass(float v, int at) {
            if (relu) {
                v = Math.max(0f, v);
            }
            if (activated != null && !(activated[at] > 0f)) {
                v = 0f;
            }
            return v;
        }

        /**
         * Packs B at the kept depths and the kept columns {@code j0..j0+valid} at {@code offset}:
         * for each depth, NR values, zero beyond valid.
         */
        private void packPanel(float[] pack, int offset, int depths, int j0, int valid) {
            int[] rows = this.depths;
            int first = columns[j0];
            if (columns[j0 + valid - 1] - first != valid - 1) {
                packGathered(pack, offset, depths, j0, valid);
                return;
            }
            if (bColStride == 1 && valid == NR) {
                // Two vectors a depth: a call to System.arraycopy for so few floats costs more than the copy.
                for (int p = 0, dst = offset; p < depths; p++, dst += NR) {
                    int src = rows[p] * bRowStride + first;
                    FloatVector.fromArray(S, b, src).intoArray(pack, dst);
                    FloatVector.fromArray(S, b, src + L).intoArray(pack, dst + L);
                }
                return;
            }
            if (bColStride == 1) {
                for (int p = 0; p < depths; p++) {
                    int dst = offset + p * NR;
                    System.arraycopy(b, rows[p] * bRowStride + first, pack, dst, valid);
                    for (int jj = valid; jj < NR; jj++) {
                        pack[dst + jj] = 0f;
                    }
                }
                return;
            }
            // A transposing copy, in depth slices small enough that the slice being written stays in L1.
            for (int p0 = 0; p0 < depths; p0 += TRANSPOSE_SLICE) {
                int p1 = Math.min(depths, p0 + TRANSPOSE_SLICE);
                for (int jj = 0; jj < NR; jj++) {
                    int dst = offset + jj;
                    if (jj < valid) {
                        int src = (first + jj) * bColStride;
                        for (int p = p0; p < p1; p++) {
                            pack[dst + p * NR] = b[src + rows[p] * bRowStride];
                        }
                    } else {
                        for (int p = p0; p < p1; p++) {
                            pack[dst + p * NR] = 0f;
                        }
                    }
                }
            }
        }

        /** As {@link #packPanel}, for a panel whose kept columns are not side by side in B: one value at a time. */
        private void packGathered(float[] pack, int offset, int depths, int j0, int valid) {
            for (int p = 0; p < depths; p++) {
                int src = this.depths[p] * bRowStride;
                int dst = offset + p * NR;
                for (int jj = 0; jj < valid; jj++) {
                    pack[dst + jj] = b[src + columns[j0 + jj] * bColStride];
                }
                for (int jj = valid; jj < NR; jj++) {
                    pack[dst + jj] = 0f;
                }
            }
        }

        /**
         * C(i0..i0+7, j0..j0+valid) (+)= A(i0..i0+7, kc depths from {@code aDepth}) · packed
         * panel: one segment of a depth block, {@code aDepth} where its first depth starts in A.
         * Unless it is the {@code first}, the sums start from the segment before's, kept in
         * {@code partial} at {@code at}; unless it is the {@code last}, they go back there
         * rather than to C.
         */
        private void tile8(int i0, int j0, int valid, int aDepth, int kc, float[] pack, int packOffset,
                boolean first, boolean last, float[] tile, float[] partial, int at) {
            float[] a = this.a;
            int rs = aRowStride;
            int a0 = i0 * rs + aDepth;
            // The first block's sums start from zero, the others' from the block before's.
            float[] from = first ? ZEROS : partial;
            int f = first ? 0 : at;
            FloatVector c00 = FloatVector.fromArray(S, from, f), c01 = FloatVector.fromArray(S, from, f + L);
            FloatVector c10 = FloatVector.fromArray(S, from, f + NR), c11 = FloatVector.fromArray(S, from, f + NR + L);
            FloatVector c20 = FloatVector.fromArray(S, from, f + 2 * NR);
            FloatVector c21 = FloatVector.fromArray(S, from, f + 2 * NR + L);
            FloatVector c30 = FloatVector.fromArray(S, from, f + 3 * NR);
            FloatVector c31 = FloatVector.fromArray(S, from, f + 3 * NR + L);
            FloatVector c40 = FloatVector.fromArray(S, from, f + 4 * NR);
            FloatVector c41 = FloatVector.fromArray(S, from, f + 4 * NR + L);
            FloatVector c50 = FloatVector.fromArray(S, from, f + 5 * NR);
            FloatVector c51 = FloatVector.fromArray(S, from, f + 5 * NR + L);
            FloatVector c60 = FloatVector.fromArray(S, from, f + 6 * NR);
            FloatVector c61 = FloatVector.fromArray(S, from, f + 6 * NR + L);
            FloatVector c70 = FloatVector.fromArray(S, from, f + 7 * NR);
            FloatVector c71 = FloatVector.fromArray(S, from, f + 7 * NR + L);
            int cs = aColStride;
            int pb = packOffset;
            int ap = a0;
            for (int p = 0; p < kc; p++, pb += NR, ap += cs) {
                FloatVector b0 = FloatVector.fromArray(S, pack, pb);
                FloatVector b1 = FloatVector.fromArray(S, pack, pb + L);
                FloatVector x;
                x = FloatVector.broadcast(S, a[ap]);
                c00 = b0.fma(x, c00);
                c01 = b1.fma(x, c01);
                x = FloatVector.broadcast(S, a[ap + rs]);
                c10 = b0.fma(x, c10);
                c11 = b1.fma(x, c11);
                x = FloatVector.broadcast(S, a[ap + 2 * rs]);
                c20 = b0.fma(x, c20);
                c21 = b1.fma(x, c21);
                x = FloatVector.broadcast(S, a[ap + 3 * rs]);
                c30 = b0.fma(x, c30);
                c31 = b1.fma(x, c31);
                x = FloatVector.broadcast(S, a[ap + 4 * rs]);
                c40 = b0.fma(x, c40);
                c41 = b1.fma(x, c41);
                x = FloatVector.broadcast(S, a[ap + 5 * rs]);
                c50 = b0.fma(x, c50);
                c51 = b1.fma(x, c51);
                x = FloatVector.broadcast(S, a[ap + 6 * rs]);
                c60 = b0.fma(x, c60);
                c61 = b1.fma(x, c61);
                x = FloatVector.broadcast(S, a[ap + 7 * rs]);
                c70 = b0.fma(x, c70);
                c71 = b1.fma(x, c71);
            }
            // Vectors handed to another method would be boxed; go through a scratch tile instead.
            float[] t = last ? tile : partial;
            int o = last ? 0 : at;
            c00.intoArray(t, o);
            c01.intoArray(t, o + L);
            c10.intoArray(t, o + NR);
            c11.intoArray(t, o + NR + L);
            c20.intoArray(t, o + 2 * NR);
            c21.intoArray(t, o + 2 * NR + L);
            c30.intoArray(t, o + 3 * NR);
            c31.intoArray(t, o + 3 * NR + L);
            c40.intoArray(t, o + 4 * NR);
            c41.intoArray(t, o + 4 * NR + L);
            c50.intoArray(t, o + 5 * NR);
            c51.intoArray(t, o + 5 * NR + L);
            c60.intoArray(t, o + 6 * NR);
            c61.intoArray(t, o + 6 * NR + L);
            c70.intoArray(t, o + 7 * NR);
            c71.intoArray(t, o + 7 * NR + L);
            if (last) {
                storeTile(t, MR, i0, j0, valid);
            }
        }

        /**
         * As {@link #tile8}, over the kept depths {@code kStart..+kc} when some are left out: it
         * walks A by its stride within each run of consecutive depths and looks up where the next
         * run starts. A loop of its own rather than one call of {@code tile8} per run, which
         * stores and reloads the sums between runs about 20 depths long: that cost more than the
         * left-out depths saved. (The two loops in one method slowed the products that leave
         * nothing out.)
         */
        private void tile8Runs(int i0, int j0, int valid, int kStart, int kc, float[] pack, int packOffset,
                boolean first, boolean last, float[] tile, float[] partial, int at) {
            float[] a = this.a;
            int rs = aRowStride;
            int a0 = i0 * rs;
            // The first block's sums start from zero, the others' from the block before's.
            float[] from = first ? ZEROS : partial;
            int f = first ? 0 : at;
            FloatVector c00 = FloatVector.fromArray(S, from, f), c01 = FloatVector.fromArray(S, from, f + L);
            FloatVector c10 = FloatVector.fromArray(S, from, f + NR), c11 = FloatVector.fromArray(S, from, f + NR + L);
            FloatVector c20 = FloatVector.fromArray(S, from, f + 2 * NR);
            FloatVector c21 = FloatVector.fromArray(S, from, f + 2 * NR + L);
            FloatVector c30 = FloatVector.fromArray(S, from, f + 3 * NR);
            FloatVector c31 = FloatVector.fromArray(S, from, f + 3 * NR + L);
            FloatVector c40 = FloatVector.fromArray(S, from, f + 4 * NR);
            FloatVector c41 = FloatVector.fromArray(S, from, f + 4 * NR + L);
            FloatVector c50 = FloatVector.fromArray(S, from, f + 5 * NR);
            FloatVector c51 = FloatVector.fromArray(S, from, f + 5 * NR + L);
            FloatVector c60 = FloatVector.fromArray(S, from, f + 6 * NR);
            FloatVector c61 = FloatVector.fromArray(S, from, f + 6 * NR + L);
            FloatVector c70 = FloatVector.fromArray(S, from, f + 7 * NR);
            FloatVector c71 = FloatVector.fromArray(S, from, f + 7 * NR + L);
            int cs = aColStride;
            int[] offsets = depthOffsets;
            int[] ends = runEnds;
            int pb = packOffset;
            for (int q = kStart, end = kStart + kc; q < end; ) {
                int runEnd = Math.min(ends[q], end);
                for (int ap = a0 + offsets[q]; q < runEnd; q++, pb += NR, ap += cs) {
                    FloatVector b0 = FloatVector.fromArray(S, pack, pb);
                    FloatVector b1 = FloatVector.fromArray(S, pack, pb + L);
                    FloatVector x;
                    x = FloatVector.broadcast(S, a[ap]);
                    c00 = b0.fma(x, c00);
                    c01 = b1.fma(x, c01);
                    x = FloatVector.broadcast(S, a[ap + rs]);
                    c10 = b0.fma(x, c10);
                    c11 = b1.fma(x, c11);
                    x = FloatVector.broadcast(S, a[ap + 2 * rs]);
                    c20 = b0.fma(x, c20);
                    c21 = b1.fma(x, c21);
                    x = FloatVector.broadcast(S, a[ap + 3 * rs]);
                    c30 = b0.fma(x, c30);
                    c31 = b1.fma(x, c31);
                    x = FloatVector.broadcast(S, a[ap + 4 * rs]);
                    c40 = b0.fma(x, c40);
                    c41 = b1.fma(x, c41);
                    x = FloatVector.broadcast(S, a[ap + 5 * rs]);
                    c50 = b0.fma(x, c50);
                    c51 = b1.fma(x, c51);
                    x = FloatVector.broadcast(S, a[ap + 6 * rs]);
                    c60 = b0.fma(x, c60);
                    c61 = b1.fma(x, c61);
                    x = FloatVector.broadcast(S, a[ap + 7 * rs]);
                    c70 = b0.fma(x, c70);
                    c71 = b1.fma(x, c71);
                }
            }
            // Vectors handed to another method would be boxed; go through a scratch tile instead.
            float[] t = last ? tile : partial;
            int o = last ? 0 : at;
            c00.intoArray(t, o);
            c01.intoArray(t, o + L);
            c10.intoArray(t, o + NR);
            c11.intoArray(t, o + NR + L);
            c20.intoArray(t, o + 2 * NR);
            c21.intoArray(t, o + 2 * NR + L);
            c30.intoArray(t, o + 3 * NR);
            c31.intoArray(t, o + 3 * NR + L);
            c40.intoArray(t, o + 4 * NR);
            c41.intoArray(t, o + 4 * NR + L);
            c50.intoArray(t, o + 5 * NR);
            c51.intoArray(t, o + 5 * NR + L);
            c60.intoArray(t, o + 6 * NR);
            c61.intoArray(t, o + 6 * NR + L);
            c70.intoArray(t, o + 7 * NR);
            c71.intoArray(t, o + 7 * NR + L);
            if (last) {
                storeTile(t, MR, i0, j0, valid);
            }
        }

        /** One row: the leftovers when m is not a multiple of MR. Same arithmetic as {@link #tile8}. */
        private void tile1(int i, int j0, int valid, int aDepth, int kc, float[] pack, int packOffset,
                boolean first, boolean last, float[] tile, float[] partial, int at) {
            FloatVector c0 = first ? FloatVector.zero(S) : FloatVector.fromArray(S, partial, at);
            FloatVector c1 = first ? FloatVector.zero(S) : FloatVector.fromArray(S, partial, at + L);
            int pb = packOffset;
            int ap = i * aRowStride + aDepth;
            for (int p = 0; p < kc; p++, pb += NR, ap += aColStride) {
                FloatVector x = FloatVector.broadcast(S, a[ap]);
                c0 = FloatVector.fromArray(S, pack, pb).fma(x, c0);
                c1 = FloatVector.fromArray(S, pack, pb + L).fma(x, c1);
            }
            if (!last) {
                c0.intoArray(partial, at);
                c1.intoArray(partial, at + L);
                return;
            }
            c0.intoArray(tile, 0);
            c1.intoArray(tile, L);
            storeTile(tile, 1, i, j0, valid);
        }

        /**
         * C(i0.., j0..) = (C +) tile for {@code rows} rows and {@code valid} columns, then the
         * epilogue: bias, ReLU, gradient mask. Whole vectors where the panel is full: a masked
         * vector store costs about as much as a tile's dozens of multiply-adds on some cores, so
         * the rare partial panel goes element by element instead.
         */
        private void storeTile(float[] t, int rows, int i0, int j0, int valid) {
            if (transposeC) {
                storeTileTransposed(t, rows, i0, j0, valid);
                return;
            }
            if (valid < NR || columns[j0 + NR - 1] - columns[j0] != NR - 1) {
                storeElements(t, rows, i0, j0, valid);
                return;
            }
            j0 = columns[j0];
            boolean add = accumulate;
            boolean addZero = fromZero;
            float[] addBias = bias;
            boolean addRelu = relu;
            float[] mask = activated;
            for (int r = 0; r < rows; r++) {
                int offset = (i0 + r) * n + j0;
                FloatVector v0 = FloatVector.fromArray(S, t, r * NR);
                FloatVector v1 = FloatVector.fromArray(S, t, r * NR + L);
                if (add) {
                    v0 = FloatVector.fromArray(S, c, offset).add(v0);
                    v1 = FloatVector.fromArray(S, c, offset + L).add(v1);
                } else if (addZero) {
                    v0 = FloatVector.zero(S).add(v0); // −0 becomes +0, as in zeros + product
                    v1 = FloatVector.zero(S).add(v1);
                }
                if (addBias != null) {
                    v0 = v0.add(FloatVector.fromArray(S, addBias, j0));
                    v1 = v1.add(FloatVector.fromArray(S, addBias, j0 + L));
                }
                if (addRelu) {
                    v0 = v0.max(0f);
                    v1 = v1.max(0f);
                }
                if (mask != null) {
                    FloatVector zero = FloatVector.zero(S);
                    v0 = zero.blend(v0, FloatVector.fromArray(S, mask, offset).compare(VectorOperators.GT, 0f));
                    v1 = zero.blend(v1, FloatVector.fromArray(S, mask, offset + L).compare(VectorOperators.GT, 0f));
                }
                v0.intoArray(c, offset);
                v1.intoArray(c, offset + L);
            }
        }

        /**
         * As {@link #storeTile}, into C stored transposed: tile row r is C's column i0 + r, one
         * neuron of a layer's output. Only {@link #linear} stores C so, and it neither adds into
         * C nor masks it: bias and ReLU go on in vectors along the row, then a plain copy
         * transposes. (A gather of each tile column in 256-bit vectors was tried: with a second
         * vector species in the hot loop some JVMs ran the kernels ten times slower.)
         */
        private void storeTileTransposed(float[] t, int rows, int i0, int j0, int valid) {
            for (int r = 0; r < rows; r++) {
                FloatVector v0 = FloatVector.fromArray(S, t, r * NR);
                FloatVector v1 = FloatVector.fromArray(S, t, r * NR + L);
                if (bias != null) {
                    FloatVector b = FloatVector.broadcast(S, bias[i0 + r]);
                    v0 = v0.add(b);
                    v1 = v1.add(b);
                }
                if (relu) {
                    v0 = v0.max(0f);
                    v1 = v1.max(0f);
                }
                v0.intoArray(t, r * NR);
                v1.intoArray(t, r * NR + L);
            }
            for (int jj = 0; jj < valid; jj++) {
                int column = columns[j0 + jj] * m + i0;
                for (int r = 0; r < rows; r++) {
                    c[column + r] = t[r * NR + jj];
                }
            }
        }

        /**
         * The epilogue of a partial panel, or of one whose columns are not side by side in C, one
         * element at a time: the same arithmetic as {@link #storeTile}'s vectors.
         */
        private void storeElements(float[] t, int rows, int i0, int j0, int valid) {
            if (fromZero && !accumulate && bias == null && !relu && activated == null) {
                // A weight gradient's first write: 0 + sum, −0 becoming +0.
                for (int r = 0; r < rows; r++) {
                    int row = (i0 + r) * n;
                    for (int jj = 0; jj < valid; jj++) {
                        c[row + columns[j0 + jj]] = 0f + t[r * NR + jj];
                    }
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                for (int jj = 0; jj < valid; jj++) {
                    finishElement(t[r * NR + jj], i0 + r, columns[j0 + jj]);
                }
            }
        }
    }

    @Override
    public void addRowVector(float[] row, float[] c, int m, int n) {
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            int j = 0;
            for (; j < bound; j += L) {
                FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, row, j)).intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] += row[j];
            }
        }
    }

    @Override
    public void columnSumsAdd(float[] a, float[] sums, int m, int n) {
        columnSums(a, sums, m, n, false);
    }

    @Override
    public void columnSums(float[] a, float[] sums, int m, int n) {
        columnSums(a, sums, m, n, true);
    }

    private void columnSums(float[] a, float[] sums, int m, int n, boolean fromZero) {
        ColumnTask t = columnTask;
        t.fromZero = fromZero;
        t.a = a;
        t.sums = sums;
        t.m = m;
        t.n = n;
        long work = (long) m * n;
        int count = (int) Math.max(1, Math.min(workers.threads(), Math.min(n / L, work / MIN_WORK_PER_WORKER)));
        try {
            workers.run(t, count);
        } finally {
            t.a = null;
            t.sums = null;
        }
    }

    /** Column sums, split by column ranges; each column summed top to bottom, as the scalar kernel does. */
    private static final class ColumnTask implements WorkerPool.Task {
        float[] a;
        float[] sums;
        int m;
        int n;
        /** The sums start at zero rather than at what {@code sums} holds. */
        boolean fromZero;

        @Override
        public void run(int worker, int workers) {
            int vectors = n / L;
            int from = WorkerPool.chunk(vectors, worker, workers) * L;
            int to = WorkerPool.chunk(vectors, worker + 1, workers) * L;
            // Whole vectors only: masked loads in the inner loop are not compiled to plain instructions.
            for (int j = from; j < to; j += L) {
                FloatVector acc = fromZero ? FloatVector.zero(S) : FloatVector.fromArray(S, sums, j);
                for (int i = 0; i < m; i++) {
                    acc = acc.add(FloatVector.fromArray(S, a, i * n + j));
                }
                acc.intoArray(sums, j);
            }
            if (worker == workers - 1) {
                for (int j = vectors * L; j < n; j++) {
                    float sum = fromZero ? 0f : sums[j];
                    for (int i = 0; i < m; i++) {
                        sum += a[i * n + j];
                    }
                    sums[j] = sum;
                }
            }
        }
    }

    @Override
    public WorkerPool workers() {
        return workers;
    }

    @Override
    public void reluForward(float[] x, float[] y, int n) {
        elementwise.forward(RELU, x, y, n);
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        elementwise.backward(RELU, x, null, dy, dx, n);
    }

    /** {@link Elementwise#RELU} in vectors: a max and a select, exact either way, so the same bits. */
    private static final Elementwise RELU = new Elementwise() {
        @Override
        public void forward(float[] x, float[] y, int from, int to) {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector.fromArray(S, x, i).max(0f).intoArray(y, i);
            }
            for (; i < to; i++) {
                y[i] = Math.max(0f, x[i]);
            }
        }

        @Override
        public void backward(float[] x, float[] y, float[] dy, float[] dx, int from, int to) {
            FloatVector zero = FloatVector.zero(S);
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                VectorMask<Float> active = FloatVector.fromArray(S, x, i).compare(VectorOperators.GT, 0f);
                zero.blend(FloatVector.fromArray(S, dy, i), active).intoArray(dx, i);
            }
            for (; i < to; i++) {
                dx[i] = x[i] > 0f ? dy[i] : 0f;
            }
        }
    };

    /**
     * Row by row, in vectors of the row's classes (masked at its end): the max, then
     * exp(z − max) into a scratch row, summed lane by lane in index order — a vector reduction
     * may add in another order once compiled than interpreted, and training must give the same
     * bits either way — then scaled to probabilities. One thread: a batch of 10-class rows is far
     * too little work to share.
     */
    @Override
    public double softmaxCrossEntropy(float[] z, int[] labels, float[] gradient, float scale, int rows, int classes) {
        if (softmaxRow.length < classes) {
            softmaxRow = new float[classes];
        }
        float[] e = softmaxRow;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            FloatVector maxes = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int c = 0; c < classes; c += L) {
                VectorMask<Float> m = S.indexInRange(c, classes);
                maxes = maxes.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, z, row + c, m), m);
            }
            float max = maxes.reduceLanes(VectorOperators.MAX); // exact in any order
            for (int c = 0; c < classes; c += L) {
                VectorMask<Float> m = S.indexInRange(c, classes);
                expNonPositive(FloatVector.fromArray(S, z, row + c, m).sub(max)).intoArray(e, c, m);
            }
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += e[c];
            }
            total += Math.log(sum) + max - z[row + labels[r]];
            if (gradient != null) {
                float toGradient = scale / sum;
                for (int c = 0; c < classes; c += L) {
                    VectorMask<Float> m = S.indexInRange(c, classes);
                    FloatVector.fromArray(S, e, c, m).mul(toGradient).intoArray(gradient, row + c, m);
                }
                gradient[row + labels[r]] -= scale;
            }
        }
        return total;
    }

    private static final float LOG2E = 1.44269504f;
    /** ln 2 split in two (Cody and Waite), so that n·ln2 is subtracted with little rounding. */
    private static final float LN2_HIGH = 0.693359375f;
    private static final float LN2_LOW = -2.12194440e-4f;

    /**
     * e^x for x ≤ 0, to about 1 ulp: x = n·ln2 + r with |r| ≤ ln2/2, e^r from a degree-6
     * polynomial (Cephes' expf), times 2^n built in the exponent bits. Our own rather than the
     * Vector API's EXP, whose results differ between interpreted and compiled code: training
     * must give the same bits whenever the JIT gets to it. Below −87.3 the result is 1.2·10⁻³⁸,
     * not 0 — invisible next to the row maximum's e⁰ = 1.
     */
    private static FloatVector expNonPositive(FloatVector x) {
        x = x.max(-87.3f);
        // n = round(x·log2 e) = −trunc(0.5 − x·log2 e), since that operand is positive.
        FloatVector half = FloatVector.broadcast(S, 0.5f);
        IntVector n = (IntVector) half.sub(x.mul(LOG2E)).convert(VectorOperators.F2I, 0).neg();
        FloatVector nf = (FloatVector) n.convert(VectorOperators.I2F, 0);
        FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_HIGH), x);
        r = nf.fma(FloatVector.broadcast(S, -LN2_LOW), r);
        FloatVector p = FloatVector.broadcast(S, 1.9875691500e-4f);
        p = p.fma(r, FloatVector.broadcast(S, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(S, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(S, 1.6666665459e-1f));
        p = p.fma(r, half);
        FloatVector er = p.mul(r).fma(r, r).add(1f);
        FloatVector twoToN = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(twoToN);
    }

    @Override
    public void map(Elementwise f, float[] x, float[] y, int n) {
        elementwise.forward(f, x, y, n);
    }

    @Override
    public void mapBackward(Elementwise f, float[] x, float[] y, float[] dy, float[] dx, int n) {
        elementwise.backward(f, x, y, dy, dx, n);
    }

    @Override
    public void close() {
        workers.close();
    }

    @Override
    public String toString() {
        return "SimdKernels[threads=" + threads() + ", lanes=" + L + "]";
    }
}
