package dev.vecnum.nn;

import dev.vecnum.core.Losses;

/**
 * Softmax cross-entropy over class logits: the loss is the mean over rows of −log softmax(logits)[label], the
 * gradient (softmax − onehot(label)) / rows. Stateless and thread-safe.
 */
final class SoftmaxCrossEntropy implements Loss<int[]>
{
    /** {@inheritDoc} */
    @Override
    public double lossAndGradient(final float[] out, final int rows, final int width, final int[] targets,
        final int targetOff, final float[] grad)
    {
        return Losses.softmaxCrossEntropy(out, 0, rows, width, targets, targetOff, grad, 0);
    }

    /** {@inheritDoc} */
    @Override
    public boolean perRowGradient()
    {
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public int targetsPerRow(final int width)
    {
        return 1;
    }

    /** {@inheritDoc} */
    @Override
    public String name()
    {
        return "softmax-cross-entropy";
    }
}
