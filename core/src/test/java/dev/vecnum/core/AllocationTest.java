package dev.vecnum.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/**
 * The hot paths allocate nothing once compiled. Uses the per-thread allocation counter, not timing: the kernel is
 * warmed up until C2 has compiled it (the interpreter boxes vectors), then a window of calls must allocate 0 bytes.
 */
class AllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes allocated by the best of several measured windows of {@code calls} calls, after warm-up. */
    private static long allocatedBytes(final Runnable kernel)
    {
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 20 && best > 0; attempt++)
        {
            for (int i = 0; i < 20_000; i++)
            {
                kernel.run();
            }
            final long tid = Thread.currentThread().getId();
            final long before = THREADS.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000; i++)
            {
                kernel.run();
            }
            best = Math.min(best, THREADS.getThreadAllocatedBytes(tid) - before);
        }
        return best;
    }

    @Test
    void shouldNotAllocateInElementwiseKernels()
    {
        final float[] x = new float[16 * 10 + 3];
        final float[] y = new float[x.length];
        final float[] bias = new float[10];
        final float[] out = new float[10];
        assertEquals(0, allocatedBytes(() -> Activations.relu(x, 1, 150)), "relu");
        assertEquals(0, allocatedBytes(() -> Activations.heaviside(x, 0, y, 1, 150, 0.5f)), "heaviside");
        assertEquals(0, allocatedBytes(() -> Activations.reluBackward(y, 0, x, 1, 150)), "reluBackward");
        assertEquals(0, allocatedBytes(() -> Activations.addBias(x, 0, 16, 10, bias, 0, true)), "addBias");
        assertEquals(0, allocatedBytes(() -> Reductions.columnMean(x, 0, 16, 10, out, 0)), "columnMean");
        assertEquals(0, allocatedBytes(() -> Vectors.scale(x, 0, 150, 1f)), "scale");
    }

    @Test
    void shouldNotAllocateInOptimizerKernels()
    {
        final int n = 1001;
        final float[] w = new float[n];
        final float[] g = new float[n];
        final float[] m = new float[n];
        final float[] v = new float[n];
        assertEquals(0, allocatedBytes(() -> Optim.sgd(w, g, 0, n, 1e-3f)), "sgd");
        assertEquals(0, allocatedBytes(() -> Optim.momentum(w, g, m, 0, n, 1e-3f, 0.9f, true)), "momentum");
        assertEquals(0, allocatedBytes(() -> Optim.adamw(w, g, m, v, 0, n, 1e-3f, 0.9f, 0.999f, 1e-8f, 0.1f, 3)),
            "adamw");
    }

    @Test
    void shouldNotAllocateInLossKernels()
    {
        final int rows = 32;
        final float[] logits = new float[rows * 10 + 1];
        final float[] grad = new float[rows * 10];
        final int[] labels = new int[rows];
        final int[] predicted = new int[rows];
        for (int i = 0; i < logits.length; i++)
        {
            logits[i] = (i * 7 % 13) - 6f;
        }
        for (int r = 0; r < rows; r++)
        {
            labels[r] = r % 10;
        }
        assertEquals(0, allocatedBytes(() -> Losses.softmaxCrossEntropy(logits, 1, rows, 10, labels, 0, grad, 0)),
            "softmaxCrossEntropy");
        assertEquals(0, allocatedBytes(() -> Losses.softmaxCrossEntropy(logits, 1, 3, 100, labels, 0, grad, 0)),
            "softmaxCrossEntropy 100 classes");
        assertEquals(0, allocatedBytes(() -> Losses.softmaxCrossEntropy(logits, 1, rows, 10, labels, 0)),
            "softmaxCrossEntropy loss only");
        assertEquals(0, allocatedBytes(() -> Losses.softmax(logits, 1, rows, 10, grad, 0)), "softmax");
        assertEquals(0, allocatedBytes(() -> Losses.argmax(logits, 1, rows, 10, predicted, 0)), "argmax");
        assertEquals(0, allocatedBytes(() -> Losses.countCorrect(logits, 1, rows, 10, labels, 0)), "countCorrect");
        assertEquals(0, allocatedBytes(() -> Losses.residualSumOfSquares(logits, 1, logits, 0, grad, 0, 100)),
            "residualSumOfSquares");
    }

    @Test
    void shouldNotAllocateInLessonShapeMatmuls()
    {
        final int batch = 16;
        final float[] x = new float[batch * 10];
        final float[] w = new float[10 * 10];
        final float[] bias = new float[10];
        final float[] h = new float[batch * 10];
        final float[] gw = new float[10 * 10];
        assertEquals(0, allocatedBytes(() -> Matmul.matmulBiasRelu(x, 0, w, 0, bias, 0, h, 0, batch, 10, 10)),
            "forward");
        assertEquals(0, allocatedBytes(() -> Matmul.matmulTransA(x, 0, h, 0, gw, 0, 10, batch, 10)), "weight grad");
        assertEquals(0, allocatedBytes(() -> Matmul.matmulTransB(h, 0, w, 0, x, 0, batch, 10, 10)), "input grad");
    }
}
