package dev.vecnum.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnum.nn.Init;
import dev.vecnum.nn.Loss;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.data.LabeledData;
import dev.vecnum.nn.eval.Evaluation;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The single-process classification loop on a small synthetic problem (three Gaussian blobs in 8 dimensions): it
 * learns, it is bit-for-bit deterministic for a seed, and a softmax cross-entropy step allocates nothing.
 */
class ClassifierTrainerTest
{
    private static final int FEATURES = 8;
    private static final int CLASSES = 3;

    /** Row i belongs to class i % 3; its features are noise plus 1.5 on feature (class) and (class + 3). */
    static LabeledData blobs(final int rows, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final float[] x = new float[rows * FEATURES];
        final int[] labels = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = i % CLASSES;
            for (int j = 0; j < FEATURES; j++)
            {
                x[i * FEATURES + j] = (float) random.nextGaussian() * 0.7f +
                    (j == labels[i] || j == labels[i] + 3 ? 1.5f : 0f);
            }
        }
        return new LabeledData(x, labels, rows, FEATURES);
    }

    private static ClassifierTrainer trainer(final Mlp mlp, final LabeledData train, final long seed)
    {
        final OptimizerConfig config = new OptimizerConfig(OptimizerConfig.Kind.ADAMW,
            new LrSchedule(LrSchedule.Kind.CONSTANT, 1e-2, 0, 0), 0, false, 0.9, 0.999, 1e-8, 1e-2, 0);
        return new ClassifierTrainer(new TrainingStep<>(mlp, Loss.SOFTMAX_CROSS_ENTROPY,
            new ParamOptimizer(config, mlp)), train, 32, seed);
    }

    private static Mlp model(final long seed)
    {
        final Mlp mlp = new Mlp(new int[] {FEATURES, 16, CLASSES}, 64);
        Init.HE_UNIFORM.apply(mlp, seed);
        return mlp;
    }

    @Test
    void shouldLearnSeparableBlobsAndReportAccuracyAndConfusion()
    {
        final LabeledData train = blobs(900, 1);
        final LabeledData test = blobs(300, 2);
        final Mlp mlp = model(5);
        final ClassifierTrainer trainer = trainer(mlp, train, 9);
        assertEquals(29, trainer.batchesPerEpoch(), "900 rows in batches of 32, the last one short");
        final double before = Evaluation.of(mlp, test).loss();
        double last = Double.NaN;
        for (int e = 0; e < 15; e++)
        {
            last = trainer.epoch(e, BatchListener.NONE);
        }
        final Evaluation result = Evaluation.of(mlp, test);
        assertTrue(result.loss() < before / 3, "test loss " + before + " -> " + result.loss());
        assertTrue(last < 0.3, "last train loss " + last);
        assertTrue(result.accuracy() > 0.93, "accuracy " + result.accuracy());
        long total = 0;
        long diagonal = 0;
        for (int a = 0; a < CLASSES; a++)
        {
            for (int p = 0; p < CLASSES; p++)
            {
                total += result.count(a, p);
                diagonal += a == p ? result.count(a, p) : 0;
            }
        }
        assertEquals(300, total);
        assertEquals(result.correct(), diagonal);
        for (int i = 0; i < test.rows(); i++)
        {
            final float[] logits = Arrays.copyOf(mlp.forward(test.x(), i * FEATURES, 1), CLASSES);
            int best = 0;
            for (int c = 1; c < CLASSES; c++)
            {
                best = logits[c] > logits[best] ? c : best;
            }
            assertEquals(best, result.predictions()[i], "prediction of row " + i);
        }
    }

    @Test
    void shouldGiveTheSameBitsForTheSameSeeds()
    {
        final LabeledData train = blobs(500, 3);
        final Mlp a = model(7);
        final Mlp b = model(7);
        final ClassifierTrainer ta = trainer(a, train, 11);
        final ClassifierTrainer tb = trainer(b, train, 11);
        for (int e = 0; e < 3; e++)
        {
            assertEquals(ta.epoch(e, BatchListener.NONE), tb.epoch(e, BatchListener.NONE), 0.0, "epoch " + e);
        }
        assertArrayEquals(a.params(), b.params());
        final Mlp c = model(7);
        trainer(c, train, 12).epoch(0, BatchListener.NONE);
        final Mlp d = model(7);
        trainer(d, train, 11).epoch(0, BatchListener.NONE);
        assertFalse(Arrays.equals(c.params(), d.params()), "another shuffle seed, other parameters");
    }

    @Test
    void shouldAllocateNothingPerCrossEntropyStep()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        final LabeledData train = blobs(256, 4);
        final Mlp mlp = model(1);
        final TrainingStep<int[]> step = trainer(mlp, train, 1).step();
        steps(step, train, 20_000);
        // as in the examples' ZeroAllocationTest: one clean round proves the compiled step allocates nothing
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 20 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            steps(step, train, 5_000);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds.append(allocated).append(' ');
        }
        assertEquals(0, allocated, "bytes allocated per round of 5000 steps: " + rounds);
    }

    private static void steps(final TrainingStep<int[]> step, final LabeledData train, final int count)
    {
        for (int s = 0; s < count; s++)
        {
            final int rows = s % 3 == 2 ? 31 : 32;
            final int from = (s * 32) % (train.rows() - 32);
            step.step(train.x(), from * FEATURES, train.labels(), from, rows);
        }
    }
}
