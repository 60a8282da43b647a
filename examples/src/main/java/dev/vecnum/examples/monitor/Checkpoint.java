package dev.vecnum.examples.monitor;

import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.TrainingRun;
import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.io.CheckpointFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a resumed {@code train} run needs to continue exactly as an uninterrupted one: parameters, the
 * optimizer's state (saved by core, including the step counter, i.e. the schedule position), and the epochs done (the
 * log so far). Data order is fixed, so there is no random state to save. Stored as a {@link CheckpointFile} (atomic,
 * checksummed) whose front-end bytes are the epoch records.
 *
 * @param fingerprint what the state belongs to (architecture, data columns, optimizer, batch); a resume must match
 * @param params      the parameters
 * @param state       the optimizer's state (moments or velocity, step counter) in core's format
 * @param history     the epochs done, in order
 */
public record Checkpoint(String fingerprint, float[] params, byte[] state, List<EpochResult> history)
{
    /**
     * Captures a run's current state (copies the arrays).
     *
     * @param fingerprint what the state belongs to
     * @param run         the run
     * @return the checkpoint
     */
    public static Checkpoint of(final String fingerprint, final TrainingRun run)
    {
        return new Checkpoint(fingerprint, run.mlp().params().clone(), run.optimizer().saveState(),
            List.copyOf(run.history()));
    }

    /**
     * Puts this state into a freshly built run with the same fingerprint.
     *
     * @param expectedFingerprint the run's fingerprint
     * @param source              the checkpoint's file name for messages
     * @param run                 the run to restore into
     * @throws BadInputException if the checkpoint belongs to a different configuration
     */
    public void restore(final String expectedFingerprint, final String source, final TrainingRun run)
    {
        new CheckpointFile(fingerprint, params, state, new byte[0]).restore(expectedFingerprint, source, run.mlp(),
            run.optimizer());
        run.restoreHistory(history);
    }

    /**
     * Writes atomically (temporary file + rename).
     *
     * @param file the checkpoint file
     * @throws IOException if writing fails (no partial file is left)
     */
    public void write(final Path file) throws IOException
    {
        new CheckpointFile(fingerprint, params, state, encode(history)).write(file);
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @param file the checkpoint file
     * @return the checkpoint
     * @throws BadInputException if the file is missing, unreadable, not a checkpoint, truncated or corrupted
     */
    public static Checkpoint read(final Path file)
    {
        final CheckpointFile stored = CheckpointFile.read(file);
        try
        {
            return new Checkpoint(stored.fingerprint(), stored.params(), stored.optimizerState(),
                decode(stored.extra()));
        }
        catch (final IOException | RuntimeException e)
        {
            throw new BadInputException(file + ": corrupted checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] encode(final List<EpochResult> history)
    {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer))
        {
            out.writeInt(history.size());
            for (final EpochResult e : history)
            {
                out.writeInt(e.epoch());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.validLoss());
                out.writeDouble(e.seconds());
                out.writeDouble(e.lr());
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static List<EpochResult> decode(final byte[] bytes) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        final int epochs = in.readInt();
        if (epochs < 0 || (long) epochs * (Integer.BYTES + 4 * Double.BYTES) != in.available())
        {
            throw new IOException("bad epoch count " + epochs);
        }
        final List<EpochResult> history = new ArrayList<>();
        for (int i = 0; i < epochs; i++)
        {
            history.add(new EpochResult(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble()));
        }
        return history;
    }
}
