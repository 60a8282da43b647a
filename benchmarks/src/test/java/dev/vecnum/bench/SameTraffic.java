package dev.vecnum.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-traffic ceiling of an in-place optimizer pass: reads g and updates w plus {@code stateArrays} state arrays
 * (0 = SGD's traffic, 1 = momentum's, 2 = Adam's), one add per array, vectorized. No allocation.
 */
final class SameTraffic
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private SameTraffic()
    {
    }

    /**
     * w[i] += g[i]; then s1[i] += g[i] when stateArrays ≥ 1, s2[i] += g[i] when stateArrays = 2; for i in [0, n).
     *
     * @param w           updated in place
     * @param g           read
     * @param s1          first state array (updated when stateArrays ≥ 1)
     * @param s2          second state array (updated when stateArrays = 2)
     * @param n           elements
     * @param stateArrays 0, 1 or 2
     */
    static void pass(final float[] w, final float[] g, final float[] s1, final float[] s2, final int n,
        final int stateArrays)
    {
        final int bound = SPECIES.loopBound(n);
        int i = 0;
        for (; i < bound; i += SPECIES.length())
        {
            final FloatVector gv = FloatVector.fromArray(SPECIES, g, i);
            FloatVector.fromArray(SPECIES, w, i).add(gv).intoArray(w, i);
            if (stateArrays > 0)
            {
                FloatVector.fromArray(SPECIES, s1, i).add(gv).intoArray(s1, i);
            }
            if (stateArrays > 1)
            {
                FloatVector.fromArray(SPECIES, s2, i).add(gv).intoArray(s2, i);
            }
        }
        for (; i < n; i++)
        {
            w[i] += g[i];
            if (stateArrays > 0)
            {
                s1[i] += g[i];
            }
            if (stateArrays > 1)
            {
                s2[i] += g[i];
            }
        }
    }
}
