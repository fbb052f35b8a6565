package io.sse4j;

import java.util.Random;

/**
 * Repeats a randomized check with seeds from one base seed, new each run unless
 * {@code -Dsse4j.seed=N} fixes it. A failure names the failing iteration's seed; rerunning with
 * that seed repeats the failing case first.
 */
final class Seeded {

    private static final long BASE_SEED = Long.getLong("sse4j.seed", new Random().nextLong());

    private Seeded() {
    }

    @FunctionalInterface
    interface Iteration {
        void run(Random random) throws Exception;
    }

    static void repeat(int iterations, Iteration iteration) {
        for (int i = 0; i < iterations; i++) {
            long seed = BASE_SEED + i;
            try {
                iteration.run(new Random(seed));
            } catch (Exception | AssertionError e) {
                throw new AssertionError("seed " + seed + " (rerun with -Dsse4j.seed=" + seed + "): " + e, e);
            }
        }
    }
}
