package dev.glassbox.tensor;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014): a fast generator whose whole state is one
 * {@code long}, so a checkpoint can save it and a resumed run draws exactly the numbers the
 * uninterrupted run would have, and a generator can be re-seeded per sample without allocating.
 * The other draws ({@code nextFloat}, bounded {@code nextInt}, {@code nextDouble}) are
 * {@link RandomGenerator}'s documented defaults on top of {@link #nextLong()}.
 */
public final class SplitMix64 implements RandomGenerator {
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    /** Independent streams from one seed, e.g. for shuffling and for dropout. */
    public static SplitMix64[] streams(long seed, int count) {
        SplitMix64 base = new SplitMix64(seed);
        SplitMix64[] streams = new SplitMix64[count];
        for (int i = 0; i < count; i++) {
            streams[i] = new SplitMix64(base.nextLong());
        }
        return streams;
    }

    /** A well-mixed seed from several numbers (e.g. seed, epoch, sample), for per-sample streams. */
    public static long mix(long a, long b, long c) {
        return finish(finish(finish(a + GOLDEN) ^ b) + GOLDEN ^ c);
    }

    public long state() {
        return state;
    }

    /** Continues from {@code value} (modifies this generator). */
    public void setState(long value) {
        state = value;
    }

    @Override
    public long nextLong() {
        return finish(state += GOLDEN);
    }

    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    /** SplitMix64's output function: every input bit affects every output bit. */
    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
