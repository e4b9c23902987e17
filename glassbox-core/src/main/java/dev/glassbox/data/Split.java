package dev.glassbox.data;

import dev.glassbox.tensor.Rng;
import java.util.Arrays;

/**
 * Samples split in two — training and test, or training and validation — stratified: each group
 * (class) gives the same fraction of its members to the second part, drawn by a seeded
 * generator, so a split is the same on every host and every run with that seed.
 *
 * @param first the indices kept, ascending
 * @param second the indices held out, ascending
 */
public record Split(int[] first, int[] second) {

    /**
     * Holds out {@code round(fraction × size)} members of each group (at least one of a group of
     * two or more when the fraction is positive, never all of a group).
     *
     * @param groups each sample's group, 0 or more (a class index; all 0 for no stratification)
     * @param fraction of each group to hold out, in [0, 1)
     */
    public static Split stratified(int[] groups, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a split's fraction must be in [0, 1), got " + fraction);
        }
        int groupCount = 0;
        for (int g : groups) {
            if (g < 0) {
                throw new IllegalArgumentException("Split: group " + g + " is negative");
            }
            groupCount = Math.max(groupCount, g + 1);
        }
        // Each group's members in index order (arrays, not lists: a million samples box no Integer).
        int[] sizes = new int[groupCount];
        for (int g : groups) {
            sizes[g]++;
        }
        int[][] members = new int[groupCount][];
        for (int g = 0; g < groupCount; g++) {
            members[g] = new int[sizes[g]];
            sizes[g] = 0;
        }
        for (int i = 0; i < groups.length; i++) {
            members[groups[i]][sizes[groups[i]]++] = i;
        }
        Rng random = new Rng(seed);
        boolean[] held = new boolean[groups.length];
        int heldCount = 0;
        for (int[] order : members) {
            int n = order.length;
            int take = (int) Math.round(fraction * n);
            if (fraction > 0 && n >= 2) {
                take = Math.max(1, Math.min(n - 1, take));
            } else if (take >= n) {
                take = 0;
            }
            // A partial Fisher–Yates: the last `take` places get a uniformly drawn subset.
            for (int i = n - 1; i >= n - take; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
                held[order[i]] = true;
            }
            heldCount += take;
        }
        int[] first = new int[groups.length - heldCount];
        int[] second = new int[heldCount];
        int a = 0;
        int b = 0;
        for (int i = 0; i < groups.length; i++) {
            if (held[i]) {
                second[b++] = i;
            } else {
                first[a++] = i;
            }
        }
        return new Split(first, second);
    }

    // A record compares array components by reference; the indices are what make two splits equal.
    @Override
    public boolean equals(Object other) {
        return other instanceof Split s && Arrays.equals(first, s.first) && Arrays.equals(second, s.second);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(first) + Arrays.hashCode(second);
    }

    @Override
    public String toString() {
        return "Split[" + first.length + " + " + second.length + "]";
    }
}
