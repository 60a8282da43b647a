package dev.vecnum.nn.eval;

import dev.vecnum.core.Losses;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.data.LabeledData;

/**
 * A classifier's results on a labeled set with the current parameters: mean softmax cross-entropy, accuracy, the
 * confusion counts and every row's predicted class (the arg max of its logits, core's {@code Losses.argmax}).
 *
 * @param loss        mean softmax cross-entropy over the rows
 * @param correct     rows whose predicted class is the label
 * @param rows        rows evaluated
 * @param classes     number of classes (the model's outputs)
 * @param confusion   classes × classes counts, row-major: {@code confusion[true·classes + predicted]}
 * @param predictions predicted class of each row
 */
public record Evaluation(double loss, long correct, int rows, int classes, long[] confusion, int[] predictions)
{
    /**
     * Evaluates in chunks of the model's capacity (forward only; the model's activation buffers are overwritten, its
     * gradients are not).
     *
     * @param mlp  the model: inputs = data features, outputs = classes
     * @param data rows with labels in [0, outputs)
     * @return the results
     * @throws IllegalArgumentException if the widths do not match, there are no rows or a label is out of range
     */
    public static Evaluation of(final Mlp mlp, final LabeledData data)
    {
        if (data.features() != mlp.inputWidth() || data.rows() == 0)
        {
            throw new IllegalArgumentException("Evaluation: " + data.rows() + " rows of " + data.features() +
                " features for a model with " + mlp.inputWidth() + " inputs");
        }
        final int classes = mlp.outputWidth();
        final int[] predictions = new int[data.rows()];
        final long[] confusion = new long[classes * classes];
        double weighted = 0;
        long correct = 0;
        for (int from = 0; from < data.rows(); from += mlp.capacity())
        {
            final int rows = Math.min(mlp.capacity(), data.rows() - from);
            final float[] logits = mlp.forward(data.x(), from * data.features(), rows);
            weighted += rows * Losses.softmaxCrossEntropy(logits, 0, rows, classes, data.labels(), from);
            Losses.argmax(logits, 0, rows, classes, predictions, from);
        }
        for (int i = 0; i < data.rows(); i++)
        {
            final int label = data.labels()[i];
            confusion[label * classes + predictions[i]]++;
            correct += label == predictions[i] ? 1 : 0;
        }
        return new Evaluation(weighted / data.rows(), correct, data.rows(), classes, confusion, predictions);
    }

    /**
     * @return correct / rows
     */
    public double accuracy()
    {
        return (double) correct / rows;
    }

    /**
     * @param actual    true class
     * @param predicted predicted class
     * @return rows of class {@code actual} predicted as {@code predicted}
     */
    public long count(final int actual, final int predicted)
    {
        return confusion[actual * classes + predicted];
    }
}
