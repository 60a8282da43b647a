package dev.vecnum.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

class SameForkCheckTest
{
    @Test
    void shouldBuildEveryCheckTheBenchmarkRuns() throws Exception
    {
        final Field check = SameForkBenchmark.class.getDeclaredField("check");
        final String[] names = check.getAnnotation(Param.class).value();
        assertTrue(names.length >= 16);
        for (final String name : names)
        {
            final SameForkCheck c = SameForkCheck.of(name);
            assertTrue(c.kernel.run() != null && c.reference.run() != null, name);
            assertTrue(c.kernelWork >= 1 && c.referenceWork >= 1, name);
            // every metric is one the gate's retry can re-run
            assertEquals("SameForkBenchmark\\.compare$", GateProfile.retryIncludes(name), name);
        }
        assertEquals(2.0 * 256 * 256 * 256, SameForkCheck.of("gemm.matmul.1t.n256.of_limit").kernelWork, 0);
        assertEquals(MachineLimitsBenchmark.FLOP_PER_OP,
            SameForkCheck.of("gemm.matmul.1t.n256.of_limit").referenceWork, 0);
        assertEquals("TrainStepBenchmark\\.step(Scalar)?$", GateProfile.retryIncludes("train.step.b16.vs_scalar"));
    }

    @Test
    void shouldRejectUnknownChecksNamingThem()
    {
        for (final String bad : new String[] {"lesson.matmul.b16.vs_numpy", "lesson.nothing.b16.vs_scalar",
            "gemm.matmul.2t.n256.of_limit", "optim.adamw.x10.vs_scalar", "train.step.b16.vs_scalar", "x"})
        {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SameForkCheck.of(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void shouldSlowOnlyTheKernelSideOfTheNamedBenchmark()
    {
        final String old = System.getProperty(Slowdown.PROPERTY);
        System.setProperty(Slowdown.PROPERTY, "LessonShapesBenchmark.mask=3");
        try
        {
            // mask is idempotent on its own output only once: count calls through the repeats field instead
            final LessonShapesBenchmark probe = new LessonShapesBenchmark();
            probe.batch = 4;
            probe.prepare(Slowdown.repeats(LessonShapesBenchmark.class.getName() + ".mask"));
            assertEquals(3, probe.repeats);
            probe.prepare(Slowdown.repeats(LessonShapesBenchmark.class.getName() + ".matmul"));
            assertEquals(1, probe.repeats);
        }
        finally
        {
            if (old == null)
            {
                System.clearProperty(Slowdown.PROPERTY);
            }
            else
            {
                System.setProperty(Slowdown.PROPERTY, old);
            }
        }
    }
}
