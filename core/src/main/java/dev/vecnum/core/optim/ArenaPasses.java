package dev.vecnum.core.optim;

import dev.vecnum.core.kernel.ElementwiseKernels;
import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.parallel.WorkerPool;

/**
 * The passes of an optimizer step over the arena, on the caller's thread or, for ranges of at least
 * {@code threshold} elements, split over a {@link WorkerPool}. Results are identical whatever the thread count:
 * updates are element-wise on disjoint pieces, and the sum of squares is always the in-order sum of the same
 * fixed {@link GradClip#BLOCK}-element block sums. Task objects are allocated once; a step allocates nothing.
 */
final class ArenaPasses
{
    /** Piece boundaries fall on multiples of this many floats (a 64-byte line), so threads never share a line. */
    private static final int ALIGN = 16;

    private static final ElementwiseKernels KERNELS = Kernels.ELEMENTWISE;

    private final Optimizer owner;
    private final WorkerPool pool;
    private final int threshold;
    private final double[] partials;
    private final NormTask normTask = new NormTask();
    private final ScaleTask scaleTask = new ScaleTask();
    private final UpdateTask updateTask = new UpdateTask();

    ArenaPasses(final Optimizer owner, final WorkerPool pool, final int threshold, final int size)
    {
        this.owner = owner;
        this.pool = pool != null && pool.threads() > 1 && size >= threshold ? pool : null;
        this.threshold = threshold;
        partials = this.pool == null ? new double[0] : new double[(size + GradClip.BLOCK - 1) / GradClip.BLOCK];
    }

    /** Whether any pass may run on more than one thread. */
    boolean parallel()
    {
        return pool != null;
    }

    /** Σ g² over the whole array, as {@link GradClip#blockedSumOfSquares}. */
    double sumOfSquares(final float[] g)
    {
        if (pool == null || g.length < threshold)
        {
            return GradClip.blockedSumOfSquares(g, 0, g.length);
        }
        final int blocks = partials.length;
        normTask.g = g;
        pool.execute(normTask, Math.min(pool.threads(), blocks));
        normTask.g = null;
        double sum = 0.0;
        for (int b = 0; b < blocks; b++)
        {
            sum += partials[b];
        }
        return sum;
    }

    /** g *= coef over the whole array. */
    void scale(final float[] g, final float coef)
    {
        if (pool == null || g.length < threshold)
        {
            KERNELS.scale(g, 0, g.length, coef);
            return;
        }
        scaleTask.g = g;
        scaleTask.coef = coef;
        pool.execute(scaleTask, pool.threads());
        scaleTask.g = null;
    }

    /** The optimizer's update over [off, off+len). */
    void update(final int off, final int len, final float lr, final float weightDecay, final int t)
    {
        if (pool == null || len < threshold)
        {
            owner.update(off, len, lr, weightDecay, t);
            return;
        }
        final UpdateTask task = updateTask;
        task.off = off;
        task.len = len;
        task.lr = lr;
        task.weightDecay = weightDecay;
        task.t = t;
        pool.execute(task, pool.threads());
    }

    /** Start, relative to the range, of piece {@code index} of {@code count} over {@code len} elements. */
    static int pieceStart(final int index, final int count, final int len)
    {
        final int units = (len + ALIGN - 1) / ALIGN;
        return (int) Math.min(len, (long) WorkerPool.partitionStart(index, count, units) * ALIGN);
    }

    private final class NormTask implements WorkerPool.Task
    {
        float[] g;

        @Override
        public void run(final int taskIndex, final int taskCount)
        {
            final float[] x = g;
            final int blocks = partials.length;
            final int from = WorkerPool.partitionStart(taskIndex, taskCount, blocks);
            final int to = WorkerPool.partitionStart(taskIndex + 1, taskCount, blocks);
            for (int b = from; b < to; b++)
            {
                final int off = b * GradClip.BLOCK;
                partials[b] = KERNELS.sumOfSquares(x, off, Math.min(GradClip.BLOCK, x.length - off));
            }
        }
    }

    private static final class ScaleTask implements WorkerPool.Task
    {
        float[] g;
        float coef;

        @Override
        public void run(final int taskIndex, final int taskCount)
        {
            final int from = pieceStart(taskIndex, taskCount, g.length);
            final int to = pieceStart(taskIndex + 1, taskCount, g.length);
            KERNELS.scale(g, from, to - from, coef);
        }
    }

    private final class UpdateTask implements WorkerPool.Task
    {
        int off;
        int len;
        float lr;
        float weightDecay;
        int t;

        @Override
        public void run(final int taskIndex, final int taskCount)
        {
            final int from = pieceStart(taskIndex, taskCount, len);
            final int to = pieceStart(taskIndex + 1, taskCount, len);
            owner.update(off + from, to - from, lr, weightDecay, t);
        }
    }
}
