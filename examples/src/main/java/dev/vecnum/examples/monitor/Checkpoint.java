package dev.vecnum.examples.monitor;

import dev.vecnum.examples.BadInputException;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.TrainingRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Everything a resumed run needs to continue exactly as an uninterrupted one: parameters, the optimizer's state
 * (saved by core, including the step counter, i.e. the schedule position), and the epochs done (the log so far). Data order is fixed, so there is no
 * random state to save.
 *
 * <p>File format (big-endian): magic {@code "VNCK"}, version 1, payload length, payload, CRC-32C of the payload.
 * Files are written through {@link PendingFile} (temporary file + atomic rename), so a crash never leaves a
 * half-written checkpoint; a truncated or altered file is detected by the length and checksum and reported as a
 * {@link BadInputException}.
 *
 * @param fingerprint what the state belongs to (architecture, data columns, optimizer, batch); a resume must match
 * @param params      the parameters
 * @param state       the optimizer's state (moments or velocity, step counter) in core's format
 * @param history     the epochs done, in order
 */
public record Checkpoint(String fingerprint, float[] params, byte[] state, List<EpochResult> history)
{
    private static final int MAGIC = 0x564E434B;
    private static final int VERSION = 1;
    private static final int HEADER = 12;
    private static final int TRAILER = 4;

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
        if (!fingerprint.equals(expectedFingerprint))
        {
            throw new BadInputException(source + ": checkpoint is for [" + fingerprint + "], this run is [" +
                expectedFingerprint + "]");
        }
        if (params.length != run.mlp().params().length)
        {
            throw new BadInputException(source + ": checkpoint shapes do not match the model");
        }
        try
        {
            run.optimizer().loadState(state);
        }
        catch (final IllegalArgumentException e)
        {
            throw new BadInputException(source + ": checkpoint optimizer state does not fit: " + e.getMessage(), e);
        }
        System.arraycopy(params, 0, run.mlp().params(), 0, params.length);
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
        final byte[] payload = payload();
        final CRC32C crc = new CRC32C();
        crc.update(payload);
        final ByteBuffer bytes = ByteBuffer.allocate(HEADER + payload.length + TRAILER);
        bytes.putInt(MAGIC).putInt(VERSION).putInt(payload.length).put(payload).putInt((int) crc.getValue());
        try (PendingFile pending = PendingFile.create(file))
        {
            pending.out().write(bytes.array());
            pending.commit();
        }
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
        final byte[] all;
        try
        {
            all = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new BadInputException(file + ": no such checkpoint file", e);
        }
        catch (final IOException e)
        {
            throw new BadInputException(file + ": cannot read checkpoint: " + e.getMessage(), e);
        }
        final ByteBuffer bytes = ByteBuffer.wrap(all);
        if (all.length < HEADER + TRAILER || bytes.getInt() != MAGIC)
        {
            throw new BadInputException(file + ": not a vecnum checkpoint");
        }
        final int version = bytes.getInt();
        if (version != VERSION)
        {
            throw new BadInputException(file + ": unsupported checkpoint version " + version);
        }
        final int length = bytes.getInt();
        if (length != all.length - HEADER - TRAILER)
        {
            throw new BadInputException(file + ": corrupted checkpoint (truncated or extended: " + all.length +
                " bytes, expected " + ((long) length + HEADER + TRAILER) + ")");
        }
        final CRC32C crc = new CRC32C();
        crc.update(all, HEADER, length);
        if ((int) crc.getValue() != ByteBuffer.wrap(all, HEADER + length, TRAILER).getInt())
        {
            throw new BadInputException(file + ": corrupted checkpoint (checksum mismatch)");
        }
        try
        {
            return parse(new DataInputStream(new ByteArrayInputStream(all, HEADER, length)));
        }
        catch (final IOException | RuntimeException e)
        {
            throw new BadInputException(file + ": corrupted checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private byte[] payload() throws IOException
    {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(buffer);
        out.writeUTF(fingerprint);
        writeFloats(out, params);
        out.writeInt(state.length);
        out.write(state);
        out.writeInt(history.size());
        for (final EpochResult e : history)
        {
            out.writeInt(e.epoch());
            out.writeDouble(e.trainLoss());
            out.writeDouble(e.validLoss());
            out.writeDouble(e.seconds());
            out.writeDouble(e.lr());
        }
        out.flush();
        return buffer.toByteArray();
    }

    private static Checkpoint parse(final DataInputStream in) throws IOException
    {
        final String fingerprint = in.readUTF();
        final float[] params = readFloats(in);
        final byte[] state = new byte[count(in)];
        in.readFully(state);
        final int epochs = count(in);
        final List<EpochResult> history = new ArrayList<>();
        for (int i = 0; i < epochs; i++)
        {
            history.add(new EpochResult(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readDouble()));
        }
        if (in.available() != 0)
        {
            throw new IOException("trailing bytes");
        }
        return new Checkpoint(fingerprint, params, state, history);
    }

    private static void writeFloats(final DataOutputStream out, final float[] values) throws IOException
    {
        out.writeInt(values.length);
        for (final float v : values)
        {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(final DataInputStream in) throws IOException
    {
        final float[] values = new float[count(in)];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static int count(final DataInputStream in) throws IOException
    {
        final int n = in.readInt();
        if (n < 0 || n > in.available())
        {
            throw new IOException("bad length " + n);
        }
        return n;
    }
}
