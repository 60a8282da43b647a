package dev.vecnum.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlowdownTest
{
    private static final String MATMUL = "dev.vecnum.bench.LessonShapesBenchmark.matmul";

    @Test
    void shouldRepeatOnlyTheNamedBenchmark()
    {
        assertEquals(1, Slowdown.repeats("none", MATMUL));
        assertEquals(1, Slowdown.repeats("", MATMUL));
        assertEquals(3, Slowdown.repeats("LessonShapesBenchmark.matmul=3", MATMUL));
        assertEquals(2, Slowdown.repeats("X.y=5, LessonShapesBenchmark.matmul = 2", MATMUL));
        assertEquals(1, Slowdown.repeats("LessonShapesBenchmark.matmul=3", MATMUL + "Scalar"));
        assertEquals(1, Slowdown.repeats("ShapesBenchmark.matmul=3", "dev.vecnum.bench.OtherShapesBenchmark.matmulX"));
    }

    @Test
    void shouldRejectBadSpecs()
    {
        assertThrows(IllegalArgumentException.class, () -> Slowdown.repeats("matmul", MATMUL));
        assertThrows(IllegalArgumentException.class, () -> Slowdown.repeats("LessonShapesBenchmark.matmul=0", MATMUL));
    }
}
