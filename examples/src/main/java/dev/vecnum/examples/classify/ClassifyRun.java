package dev.vecnum.examples.classify;

import dev.vecnum.nn.Init;
import dev.vecnum.nn.Loss;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.data.IdxDataset;
import dev.vecnum.nn.eval.Evaluation;
import dev.vecnum.nn.train.BatchListener;
import dev.vecnum.nn.train.ClassifierTrainer;
import dev.vecnum.nn.train.OptimizerConfig;
import dev.vecnum.nn.train.ParamOptimizer;
import dev.vecnum.nn.train.TrainingStep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One {@code classify} run put together: an MLP (pixels → hidden… → classes, ReLU, softmax cross-entropy) with
 * He-uniform initialization from the seed, the optimizer (biases without weight decay), nn's shuffled training loop
 * and the test evaluation after every epoch, plus the epochs done so far. What a checkpoint saves and restores.
 * Not thread-safe.
 */
public final class ClassifyRun
{
    /** Rows per forward pass when evaluating (the model's capacity is at least this). */
    static final int EVAL_ROWS = 512;
    private static final int RECORD_BYTES = Integer.BYTES + 5 * Double.BYTES;

    private final IdxDataset data;
    private final Mlp mlp;
    private final ParamOptimizer optimizer;
    private final ClassifierTrainer trainer;
    private final int batch;
    private final long seed;
    private final List<ClassifyEpoch> history = new ArrayList<>();

    /**
     * Builds and initializes the model.
     *
     * @param data   the data set
     * @param hidden hidden layer widths, each &gt; 0 (may be empty)
     * @param seed   initialization and shuffling seed
     * @param batch  rows per batch, &gt; 0
     * @param config optimizer hyperparameters
     */
    public ClassifyRun(final IdxDataset data, final int[] hidden, final long seed, final int batch,
        final OptimizerConfig config)
    {
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        final int[] sizes = new int[hidden.length + 2];
        sizes[0] = data.features();
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = data.classes();
        mlp = new Mlp(sizes, Math.max(batch, EVAL_ROWS));
        Init.HE_UNIFORM.apply(mlp, seed);
        optimizer = new ParamOptimizer(config, mlp);
        trainer = new ClassifierTrainer(new TrainingStep<>(mlp, Loss.SOFTMAX_CROSS_ENTROPY, optimizer), data.train(),
            batch, seed);
    }

    /**
     * Trains the next epoch, evaluates the test set and records the epoch.
     *
     * @param listener told after every batch
     * @return the epoch's record
     */
    public ClassifyEpoch nextEpoch(final BatchListener listener)
    {
        final int epoch = history.size();
        final long start = System.nanoTime();
        final double trainLoss = trainer.epoch(epoch, listener);
        final long trained = System.nanoTime();
        final Evaluation test = evaluateTest();
        final long end = System.nanoTime();
        final ClassifyEpoch result = new ClassifyEpoch(epoch, trainLoss, test.loss(), test.accuracy(),
            (end - start) * 1e-9, data.train().rows() / ((trained - start) * 1e-9));
        history.add(result);
        return result;
    }

    /**
     * @return the test set's loss, accuracy, confusion counts and predictions with the current parameters
     */
    public Evaluation evaluateTest()
    {
        return Evaluation.of(mlp, data.test());
    }

    /**
     * What a checkpoint must match to be resumed by this run: layer widths, loss, optimizer, batch and seed (the
     * seed fixes every later epoch's shuffle).
     *
     * @return the fingerprint
     */
    public String fingerprint()
    {
        return "classify; layers " + layers() + "; loss " + Loss.SOFTMAX_CROSS_ENTROPY.name() + "; optimizer " +
            optimizer.config().stateKind() + "; batch " + batch + "; seed " + seed;
    }

    /**
     * @return the layer widths, input first, e.g. {@code 784-256-128-10}
     */
    public String layers()
    {
        return Arrays.stream(mlp.sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    /**
     * @return the epochs done so far, in order; unmodifiable view
     */
    public List<ClassifyEpoch> history()
    {
        return Collections.unmodifiableList(history);
    }

    /**
     * The history as a checkpoint's front-end bytes.
     *
     * @return the encoded epochs
     */
    public byte[] encodeHistory()
    {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer))
        {
            for (final ClassifyEpoch e : history)
            {
                out.writeInt(e.epoch());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.testLoss());
                out.writeDouble(e.testAccuracy());
                out.writeDouble(e.seconds());
                out.writeDouble(e.samplesPerSecond());
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * Replaces the history with one decoded from {@link #encodeHistory()}'s bytes (when resuming).
     *
     * @param bytes the encoded epochs
     * @throws IllegalArgumentException if the bytes are not a whole number of records numbered 0, 1, …
     */
    public void restoreHistory(final byte[] bytes)
    {
        if (bytes.length % RECORD_BYTES != 0)
        {
            throw new IllegalArgumentException("history of " + bytes.length + " bytes");
        }
        final List<ClassifyEpoch> epochs = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            for (int i = 0; i < bytes.length / RECORD_BYTES; i++)
            {
                final ClassifyEpoch e = new ClassifyEpoch(in.readInt(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble(), in.readDouble());
                if (e.epoch() != i)
                {
                    throw new IllegalArgumentException("epoch " + e.epoch() + " recorded as the " + (i + 1) + "th");
                }
                epochs.add(e);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        history.clear();
        history.addAll(epochs);
    }

    /**
     * @return the model
     */
    public Mlp mlp()
    {
        return mlp;
    }

    /**
     * @return the optimizer
     */
    public ParamOptimizer optimizer()
    {
        return optimizer;
    }

    /**
     * @return the data set
     */
    public IdxDataset data()
    {
        return data;
    }

    /**
     * @return batches per epoch
     */
    public int batchesPerEpoch()
    {
        return trainer.batchesPerEpoch();
    }
}
