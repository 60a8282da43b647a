package dev.vecnum.examples.train;

import dev.vecnum.nn.data.Dataset;
import dev.vecnum.nn.train.BatchListener;
import dev.vecnum.nn.train.TrainingStep;

/**
 * The lesson's training loop: batches in file order (no shuffle), one optimizer step per batch, a short last batch
 * divided by its own row count, validation after each epoch. Not thread-safe.
 */
public final class Trainer
{
    private final TrainingStep<float[]> step;
    private final Dataset train;
    private final Dataset valid;
    private final int batch;

    /**
     * @param step      the MSE training step with its optimizer; its model's capacity must be at least {@code batch}
     * @param train     training rows
     * @param valid     validation rows
     * @param batch     rows per batch, &gt; 0
     */
    public Trainer(final TrainingStep<float[]> step, final Dataset train, final Dataset valid, final int batch)
    {
        if (batch <= 0 || batch > step.mlp().capacity())
        {
            throw new IllegalArgumentException("batch must be in 1.." + step.mlp().capacity() + ", got " + batch);
        }
        this.step = step;
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
            lossSum += step.gradient(train.x(), from * in, train.y(), from * out, rows);
            lr = step.applyGradient();
            listener.batchDone(b + 1, batches);
        }
        final double seconds = (System.nanoTime() - start) * 1e-9;
        return new EpochResult(epoch, lossSum / batches, meanLoss(valid), seconds, lr);
    }

    /**
     * @param data rows to evaluate
     * @return their MSE with the current parameters
     */
    public double meanLoss(final Dataset data)
    {
        return step.meanLoss(data.x(), 0, data.y(), 0, data.rows());
    }

    /**
     * @return batches per epoch, ⌈train rows / batch⌉
     */
    public int batchesPerEpoch()
    {
        return (train.rows() + batch - 1) / batch;
    }
}
