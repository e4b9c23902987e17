package dev.glassbox.train;

import java.util.random.RandomGenerator;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014): a fast generator whose whole state is one
 * {@code long}, so a checkpoint can save it and a resumed run draws exactly the numbers the
 * uninterrupted run would have. The other draws ({@code nextFloat}, bounded {@code nextInt})
 * are {@link RandomGenerator}'s documented defaults on top of {@link #nextLong()}.
 */
final class TrainingRandom implements RandomGenerator {
    private long state;

    TrainingRandom(long state) {
        this.state = state;
    }

    /** Two independent streams from one seed: the first for shuffling, the second for dropout. */
    static TrainingRandom[] streams(long seed) {
        TrainingRandom base = new TrainingRandom(seed);
        return new TrainingRandom[] {new TrainingRandom(base.nextLong()), new TrainingRandom(base.nextLong())};
    }

    long state() {
        return state;
    }

    void setState(long value) {
        state = value;
    }

    @Override
    public long nextLong() {
        long z = state += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
