package dev.vecnum.examples.train;

import dev.vecnum.examples.data.Dataset;
import dev.vecnum.examples.nn.Mlp;

/**
 * The lesson's training loop: batches in file order (no shuffle), one optimizer step per batch, a short last batch
 * divided by its own row count, validation after each epoch. Not thread-safe.
 */
public final class Trainer
{
    /** Told after every batch, inside the timed loop: keep it cheap. */
    @FunctionalInterface
    public interface BatchListener
    {
        /** Does nothing. */
        BatchListener NONE = (done, total) ->
        {
        };

        /**
         * @param done  batches done in this epoch
         * @param total batches per epoch
         */
        void batchDone(int done, int total);
    }

    private final Mlp mlp;
    private final ParamOptimizer optimizer;
    private final Dataset train;
    private final Dataset valid;
    private final int batch;

    /**
     * @param mlp       the model; its capacity must be at least {@code batch}
     * @param optimizer updates {@code mlp}'s parameters from its gradients
     * @param train     training rows
     * @param valid     validation rows
     * @param batch     rows per batch, &gt; 0
     */
    public Trainer(final Mlp mlp, final ParamOptimizer optimizer, final Dataset train, final Dataset valid,
        final int batch)
    {
        if (batch <= 0 || batch > mlp.capacity())
        {
            throw new IllegalArgumentException("batch must be in 1.." + mlp.capacity() + ", got " + batch);
        }
        this.mlp = mlp;
        this.optimizer = optimizer;
        this.train = train;
        this.valid = valid;
        this.batch = batch;
    }

    /**
     * Trains one epoch and validates.
     *
     * @param epoch    0-based epoch number for the record
     * @param listener told after every batch
     * @return the epoch's record
     */
    public EpochResult epoch(final int epoch, final BatchListener listener)
    {
        final int batches = batchesPerEpoch();
        final int in = train.features();
        final int out = train.targets();
        double lossSum = 0;
        double lr = Double.NaN;
        final long start = System.nanoTime();
        for (int b = 0; b < batches; b++)
        {
            final int from = b * batch;
            final int rows = Math.min(batch, train.rows() - from);
            lossSum += mlp.gradient(train.x(), from * in, train.y(), from * out, rows);
            lr = optimizer.step();
            listener.batchDone(b + 1, batches);
        }
        final double seconds = (System.nanoTime() - start) * 1e-9;
        return new EpochResult(epoch, lossSum / batches, mlp.meanSquaredError(valid), seconds, lr);
    }

    /**
     * @return batches per epoch, ⌈train rows / batch⌉
     */
    public int batchesPerEpoch()
    {
        return (train.rows() + batch - 1) / batch;
    }
}
