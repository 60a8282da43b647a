package dev.vecnum.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.parallel.WorkerPool;

class ParallelStepTest
{
    private static ParameterArena arena()
    {
        // odd sizes so that pieces and norm blocks end mid-vector and mid-view
        return ParameterArena.builder().matrix("w1", 101, 301).vector("b1", 301).matrix("w2", 301, 67)
            .vector("b2", 67).build();
    }

    private static Optimizer build(final String kind, final ParameterArena arena, final WorkerPool pool)
    {
        switch (kind)
        {
            case "sgd":
                return Sgd.builder(arena).lr(0.1).clipGradNorm(5.0).workers(pool).parallelThreshold(1000).build();
            case "momentum":
                return Momentum.builder(arena).lr(0.1).momentum(0.9).nesterov(true).clipGradNorm(5.0)
                    .nonFiniteGradients(NonFinitePolicy.SKIP).workers(pool).parallelThreshold(1000).build();
            default:
                return AdamW.builder(arena).lr(0.01).weightDecay(0.1).group(ParamGroup.of("b1", "b2").weightDecay(0))
                    .schedule(LrSchedule.cosineWarmup(2, 10)).clipGradNorm(5.0).workers(pool)
                    .parallelThreshold(1000).build();
        }
    }

    @Test
    void shouldGiveIdenticalResultsWhateverTheThreadCount()
    {
        final WorkerPool[] pools = {null, new WorkerPool(1), new WorkerPool(2), new WorkerPool(3)};
        try
        {
            for (final String kind : new String[] {"sgd", "momentum", "adamw"})
            {
                float[] referenceParams = null;
                byte[] referenceState = null;
                double referenceNorm = 0;
                for (final WorkerPool pool : pools)
                {
                    final ParameterArena arena = arena();
                    final Optimizer opt = build(kind, arena, pool);
                    assertEquals(pool != null && pool.threads() > 1, opt.parallel(), kind);
                    final Random rnd = new Random(17);
                    OptimizerTest.fill(rnd, arena.params(), 1f);
                    for (int t = 0; t < 5; t++)
                    {
                        OptimizerTest.fill(rnd, arena.grads(), 1f);
                        opt.step();
                    }
                    if (referenceParams == null)
                    {
                        referenceParams = arena.params().clone();
                        referenceState = opt.saveState();
                        referenceNorm = opt.lastGradNorm();
                        assertTrue(referenceNorm > 5.0, "clipping must be exercised");
                    }
                    else
                    {
                        final String what = kind + " threads=" + pool.threads();
                        assertArrayEquals(referenceParams, arena.params(), what);
                        assertArrayEquals(referenceState, opt.saveState(), what);
                        assertEquals(referenceNorm, opt.lastGradNorm(), 0.0, what);
                    }
                }
            }
        }
        finally
        {
            for (final WorkerPool pool : pools)
            {
                if (pool != null)
                {
                    pool.close();
                }
            }
        }
    }

    @Test
    void shouldStaySequentialBelowTheThreshold()
    {
        try (WorkerPool pool = new WorkerPool(2))
        {
            final ParameterArena small = ParameterArena.builder().vector("x", 999).build();
            assertFalse(Sgd.builder(small).lr(0.1).workers(pool).parallelThreshold(1000).build().parallel());
            assertFalse(Sgd.builder(small).lr(0.1).build().parallel());
            assertTrue(Sgd.builder(small).lr(0.1).workers(pool).parallelThreshold(999).build().parallel());
            OptimizerTest.assertMessage(() -> Sgd.builder(small).parallelThreshold(0), "parallelThreshold must be");
        }
    }

    @Test
    void shouldSplitIntoAlignedCoveringPieces()
    {
        for (final int len : new int[] {0, 1, 15, 16, 17, 1000, 65_537})
        {
            for (int count = 1; count <= 5; count++)
            {
                assertEquals(0, ArenaPasses.pieceStart(0, count, len));
                assertEquals(len, ArenaPasses.pieceStart(count, count, len));
                for (int i = 1; i < count; i++)
                {
                    final int s = ArenaPasses.pieceStart(i, count, len);
                    assertTrue(s == len || s % 16 == 0, "aligned");
                    assertTrue(s >= ArenaPasses.pieceStart(i - 1, count, len), "monotone");
                }
            }
        }
    }
}
