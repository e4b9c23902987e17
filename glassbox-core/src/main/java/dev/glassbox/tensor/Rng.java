package dev.glassbox.tensor;

/**
 * The engine's random generator: SplitMix64 (Steele, Lea and Flood, 2014) with draws of its own,
 * so a seed gives the same numbers on every host — the JVM, a browser (JavaScript or
 * WebAssembly), a Spark task — and in every Java version.
 *
 * <p>Why not the JDK's: {@code java.util.SplittableRandom} and {@code java.util.random} are not in
 * every host's class library, and their derived draws ({@code nextGaussian} above all) are the
 * JDK's choice, not ours, and lean on {@code Math.log}/{@code StrictMath}, whose last bit may
 * differ from host to host. Here every draw is integer arithmetic, or IEEE 754 +, −, ×, ÷ and
 * {@code Math.sqrt} (all correctly rounded, so the same bits everywhere), in a fixed order.
 *
 * <p>The whole state is one {@code long}: a checkpoint saves {@link #state()} and a resumed run
 * draws exactly the numbers the uninterrupted run would have; a generator can be re-seeded per
 * sample ({@link #setState}) without allocating.
 *
 * <p>Draws:
 * <ul>
 *   <li>{@link #nextLong()}: state += γ (the golden ratio × 2⁶⁴); output = a 64-bit mix of the
 *       state (every input bit affects every output bit). Period 2⁶⁴.
 *   <li>{@link #nextDouble()} / {@link #nextFloat()}: the top 53 / 24 bits × 2⁻⁵³ / 2⁻²⁴,
 *       uniform on [0, 1), exact.
 *   <li>{@link #nextInt(int)}: Lemire's multiply-and-shift (2019) with rejection, so every value
 *       in 0..bound−1 is exactly equally likely (no modulo bias).
 *   <li>{@link #nextGaussian()}: Marsaglia's polar method with the engine's own {@link #log}.
 *   <li>{@link #split()}: a new generator seeded from this one's next output.
 * </ul>
 *
 * <p>Not thread-safe, and not for cryptography.
 */
public final class Rng {
    private long state;

    /** A generator whose state is {@code seed}; equal seeds give equal streams. */
    public Rng(long seed) {
        this.state = seed;
    }

    /**
     * A new, independent generator, seeded from this one's next output (advances this one): e.g.
     * the shuffling and the dropout streams of one run. All generators share SplitMix64's one
     * cycle of 2⁶⁴ states, so split streams are the cycle entered at well-mixed, effectively
     * random places; two streams of n draws overlap with probability about n / 2⁶³.
     */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** A well-mixed seed from several numbers (e.g. seed, epoch, sample), for per-sample streams. */
    public static long mix(long a, long b, long c) {
        return finish(finish(finish(a + GOLDEN) ^ b) + GOLDEN ^ c);
    }

    /** The whole state: a generator made with {@code new Rng(state())} draws what this one will. */
    public long state() {
        return state;
    }

    /** Continues from {@code value}, a {@link #state()} saved earlier (modifies this generator). */
    public void setState(long value) {
        state = value;
    }

    /** 64 uniformly random bits. */
    public long nextLong() {
        return finish(state += GOLDEN);
    }

    /** Uniform on [0, 1): the top 53 bits, so every double of the form k·2⁻⁵³ is equally likely. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform on [0, 1): the top 24 bits, so every float of the form k·2⁻²⁴ is equally likely. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** A fair coin. */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /**
     * Uniform on 0..bound−1. Lemire's method: the high half of (32 random bits) × bound; the few
     * products whose low half falls below 2³² mod bound are drawn again, which removes the bias
     * that {@code random % bound} would have.
     *
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Rng.nextInt: bound must be positive, got " + bound);
        }
        long product = (nextLong() >>> 32) * bound;
        long low = product & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                product = (nextLong() >>> 32) * bound;
                low = product & 0xffffffffL;
            }
        }
        return (int) (product >>> 32);
    }

    /**
     * Standard normal (mean 0, standard deviation 1), by Marsaglia's polar method: draw (u, v)
     * uniform in the square [−1, 1)² until s = u² + v² lies in (0, 1); then u·√(−2·ln s / s) is
     * normal. The method's partner value v·√(…) is dropped, so the state stays one {@code long};
     * that costs about 2.5 {@link #nextLong()} per value, which only initialisation pays.
     * The logarithm is {@link #log}, not {@code Math.log}, so the result is the same on every host.
     */
    public double nextGaussian() {
        double u;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            double v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * log(s) / s);
    }

    private static final double SQRT_HALF = 0.7071067811865476;
    /** ln 2 in two parts (as in fdlibm): HI has its low bits zero, so e·HI is exact for |e| < 2¹¹. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    /**
     * The natural logarithm of a positive, finite, normal {@code x}, from +, −, ×, ÷ alone, so
     * it gives the same bits on every IEEE 754 host (unlike {@code Math.log}, which the JVM and
     * JavaScript engines may compute differently in the last bit).
     *
     * <p>fdlibm's reduction, without its bit tricks: x = m·2ᵉ with m in [√½, √2), found by exact
     * halving or doubling; f = m − 1 (exact) and s = f / (2 + f), so that ln m = 2·atanh(s) =
     * 2s + 2s³/3 + 2s⁵/5 + … = f − (f²/2 − s·(f²/2 + R)) with R = 2s²/3 + 2s⁴/5 + … + 2s²²/23
     * (|s| ≤ 0.1716, so the series' remainder, under 2·0.1716²⁵/25 ≈ 10⁻²⁰, is far below half an
     * ulp); ln 2 comes in two parts so e·ln 2 adds no error of its own. What is left is rounding:
     * the test finds it within 1 ulp of {@code StrictMath.log} on millions of inputs.
     *
     * @throws IllegalArgumentException if {@code x} is not positive, finite and normal
     */
    public static double log(double x) {
        if (!(x >= Double.MIN_NORMAL && x <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException("Rng.log: expected a positive, finite, normal number, got " + x);
        }
        int e = 0;
        double m = x;
        // Big steps first: s from the polar method is at least 2⁻¹⁰⁴, but log serves any normal x.
        while (m < 0x1.0p-64) {
            m *= 0x1.0p64;
            e -= 64;
        }
        while (m >= 0x1.0p64) {
            m *= 0x1.0p-64;
            e += 64;
        }
        while (m < SQRT_HALF) {
            m *= 2;
            e--;
        }
        while (m >= 2 * SQRT_HALF) {
            m *= 0.5;
            e++;
        }
        double f = m - 1;
        double s = f / (2 + f);
        double z = s * s;
        // Horner's rule from the smallest term up: R = z·(2/3 + z·(2/5 + … + z·2/23)).
        double r = 2.0 / 23;
        for (int k = 21; k >= 3; k -= 2) {
            r = r * z + 2.0 / k;
        }
        r *= z;
        double halfSquare = 0.5 * f * f;
        return e * LN2_HI - ((halfSquare - (s * (halfSquare + r) + e * LN2_LO)) - f);
    }

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** SplitMix64's output function: every input bit affects every output bit. */
    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Rng[SplitMix64, state " + Long.toHexString(state) + "]";
    }
}
