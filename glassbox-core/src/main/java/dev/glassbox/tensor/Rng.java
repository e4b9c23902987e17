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
 *   <li>{@link #nextGaussian()}: Marsaglia's polar method with the engine's own {@link PortableMath#log}.
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
     * The logarithm is {@link PortableMath#log}, not {@code Math.log}, so the result is the same on every host.
     */
    public double nextGaussian() {
        double u;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            double v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * PortableMath.log(s) / s);
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
