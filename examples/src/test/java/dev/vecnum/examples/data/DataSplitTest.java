package dev.vecnum.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnum.nn.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSplitTest
{
    @Test
    void shouldSplitAtTheLessonsIndexesComputedInDouble()
    {
        assertEquals(9456, DataSplit.trainEnd(13509));
        assertEquals(11482, DataSplit.validEnd(13509));
        // 0.7 * 10 = 7.000000000000001 and 0.85 * 20 = 17.0 in double; int() truncates
        assertEquals(7, DataSplit.trainEnd(10));
        assertEquals(17, DataSplit.validEnd(20));
        // 0.7 * 3 = 2.0999999999999996 -> 2
        assertEquals(2, DataSplit.trainEnd(3));
    }

    @Test
    void shouldStandardizeFeaturesWithPopulationStdAndLeaveTargetsAlone()
    {
        // feature column 1, 2, 3, 4, ... 20 (mean 10.5, population std sqrt((20^2 - 1) / 12)); target = 100 + i
        final int n = 20;
        final double[] values = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            values[2 * i] = i + 1;
            values[2 * i + 1] = 100 + i;
        }
        final DataSplit split = DataSplit.prepare(new Table("t.csv", List.of("x", "y"), n, values), 1);
        final double std = Math.sqrt((n * n - 1) / 12.0);
        assertEquals(14, split.train().rows());
        assertEquals(3, split.valid().rows());
        assertEquals(3, split.test().rows());
        assertEquals((float) ((1 - 10.5) / std), split.train().x()[0], 0f);
        assertEquals((float) ((15 - 10.5) / std), split.valid().x()[0], 0f);
        assertEquals((float) ((20 - 10.5) / std), split.test().x()[2], 0f);
        assertArrayEquals(new float[] {114, 115, 116}, split.valid().y(), 0f);
    }

    @Test
    void shouldRejectConstantFeaturesAndTooFewRows()
    {
        assertEquals("t.csv: column 'x' is constant (standard deviation 0), so it cannot be standardized",
            assertThrows(BadInputException.class, () -> DataSplit.prepare(
                new Table("t.csv", List.of("x", "y"), 3, new double[] {1, 1, 1, 2, 1, 3}), 1)).getMessage());
        assertEquals("t.csv: 3 data rows are too few for a train/valid/test split (70/15/15 %)",
            assertThrows(BadInputException.class, () -> DataSplit.prepare(
                new Table("t.csv", List.of("x", "y"), 3, new double[] {1, 1, 2, 2, 3, 3}), 1)).getMessage());
    }
}
