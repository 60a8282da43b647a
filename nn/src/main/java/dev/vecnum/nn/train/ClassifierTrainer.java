package dev.vecnum.nn.train;

import dev.vecnum.nn.data.LabeledData;

/**
 * The classification training loop of one process: every epoch visits the training rows in the order
 * {@link EpochOrder#permutation} gives for (seed, epoch), gathers each batch of {@code batch} rows (the last one may be
 * shorter) into contiguous buffers and runs one {@link TrainingStep#step}. The batch buffers are allocated once; an
 * epoch allocates only its shuffle generator.
 *
 * <p>Not thread-safe.
 */
public final class ClassifierTrainer
{
    private final TrainingStep<int[]> step;
    private final LabeledData train;
    private final int batch;
    private final long seed;
    private final int[] order;
    private final float[] batchX;
    private final int[] batchLabels;

    /**
     * @param step  the training step (with an optimizer); its model's capacity must be at least {@code batch}
     * @param train training rows; features must match the model's inputs
     * @param batch rows per batch, 1 … capacity
     * @param seed  shuffling seed
     * @throws IllegalArgumentException on a shape mismatch
     */
    public ClassifierTrainer(final TrainingStep<int[]> step, final LabeledData train, final int batch,
        final long seed)
    {
        if (batch <= 0 || batch > step.mlp().capacity())
        {
            throw new IllegalArgumentException("batch must be in 1.." + step.mlp().capacity() + ", got " + batch);
        }
        if (train.features() != step.mlp().inputWidth() || train.rows() == 0)
        {
            throw new IllegalArgumentException("ClassifierTrainer: " + train.rows() + " rows of " + train.features() +
                " features for a model with " + step.mlp().inputWidth() + " inputs");
        }
        this.step = step;
        this.train = train;
        this.batch = batch;
        this.seed = seed;
        order = new int[train.rows()];
        batchX = new float[batch * train.features()];
        batchLabels = new int[batch];
    }

    /**
     * Trains one epoch.
     *
     * @param epoch    0-based epoch (selects the shuffle)
     * @param listener told after every batch
     * @return the mean of the epoch's batch losses
     */
    public double epoch(final int epoch, final BatchListener listener)
    {
        EpochOrder.permutation(seed, epoch, order, train.rows());
        final int batches = batchesPerEpoch();
        double lossSum = 0;
        for (int b = 0; b < batches; b++)
        {
            final int from = b * batch;
            final int rows = Math.min(batch, train.rows() - from);
            train.gather(order, from, rows, batchX, batchLabels);
            lossSum += step.step(batchX, 0, batchLabels, 0, rows);
            listener.batchDone(b + 1, batches);
        }
        return lossSum / batches;
    }

    /**
     * @return batches per epoch, ⌈rows / batch⌉
     */
    public int batchesPerEpoch()
    {
        return (train.rows() + batch - 1) / batch;
    }

    /**
     * @return the training step
     */
    public TrainingStep<int[]> step()
    {
        return step;
    }
}
