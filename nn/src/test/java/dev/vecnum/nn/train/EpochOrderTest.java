package dev.vecnum.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochOrderTest
{
    @Test
    void shouldBeAPermutationThatDependsOnlyOnSeedEpochAndRows()
    {
        for (final int rows : new int[] {0, 1, 2, 7, 1000})
        {
            final int[] a = EpochOrder.permutation(42, 3, rows);
            final int[] sorted = a.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < rows; i++)
            {
                assertEquals(i, sorted[i], "rows " + rows);
            }
            final int[] b = new int[rows + 5];
            Arrays.fill(b, -1);
            EpochOrder.permutation(42, 3, b, rows);
            assertArrayEquals(a, Arrays.copyOf(b, rows), "same seed and epoch, any buffer: same order");
            assertEquals(-1, b[rows], "nothing written past rows");
        }
        final int[] base = EpochOrder.permutation(42, 3, 1000);
        assertFalse(Arrays.equals(base, EpochOrder.permutation(42, 4, 1000)), "another epoch");
        assertFalse(Arrays.equals(base, EpochOrder.permutation(43, 3, 1000)), "another seed");
        assertFalse(Arrays.equals(EpochOrder.permutation(0, 0, 1000), EpochOrder.permutation(0, 1, 1000)));
    }

    @Test
    void shouldKeepItsOrderAcrossReleases()
    {
        // pinned: a resumed run or a Spark driver forms the same batches only if this never changes
        assertArrayEquals(new int[] {8, 5, 3, 1, 7, 9, 4, 2, 0, 6}, EpochOrder.permutation(0, 0, 10));
    }

    @Test
    void shouldRejectBadArguments()
    {
        assertThrows(IllegalArgumentException.class, () -> EpochOrder.permutation(0, 0, new int[2], 3));
        assertThrows(IllegalArgumentException.class, () -> EpochOrder.permutation(0, -1, new int[2], 2));
    }
}
