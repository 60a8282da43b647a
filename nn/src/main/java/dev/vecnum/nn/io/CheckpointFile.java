package dev.vecnum.nn.io;

import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.train.ParamOptimizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A training checkpoint on disk: what it belongs to, the parameters, the optimizer's state (core's format, with the
 * step counter and so the schedule position) and the front end's own record (the epochs done, its log so far), as
 * opaque bytes.
 *
 * <p>File format (big-endian): magic {@code "VNCK"}, version 1, payload length, payload, CRC-32C of the payload. The
 * payload is the fingerprint (modified UTF-8), the parameter count and floats, the state length and bytes, then the
 * front end's bytes up to the end. Files are written through {@link PendingFile} (temporary file + atomic rename), so a
 * crash never leaves a half-written checkpoint; a truncated or altered file is detected by the length and checksum.
 *
 * @param fingerprint    what the state belongs to (architecture, data, optimizer, batch …); a resume must match
 * @param params         the parameters
 * @param optimizerState the optimizer's state in core's format
 * @param extra          the front end's own bytes (e.g. its epoch history)
 */
public record CheckpointFile(String fingerprint, float[] params, byte[] optimizerState, byte[] extra)
{
    private static final int MAGIC = 0x564E434B;
    private static final int VERSION = 1;
    private static final int HEADER = 12;
    private static final int TRAILER = 4;

    /**
     * Captures a model's parameters and its optimizer's state (copies).
     *
     * @param fingerprint what the state belongs to
     * @param mlp         the model
     * @param optimizer   its optimizer
     * @param extra       the front end's own bytes
     * @return the checkpoint
     */
    public static CheckpointFile of(final String fingerprint, final Mlp mlp, final ParamOptimizer optimizer,
        final byte[] extra)
    {
        return new CheckpointFile(fingerprint, mlp.params().clone(), optimizer.saveState(), extra.clone());
    }

    /**
     * Puts the parameters and optimizer state into a freshly built model and optimizer with the same fingerprint;
     * checks everything before changing anything.
     *
     * @param expectedFingerprint the run's fingerprint
     * @param source              the checkpoint's file name for messages
     * @param mlp                 the model to restore into
     * @param optimizer           its optimizer
     * @throws BadInputException if the checkpoint belongs to a different configuration or does not fit
     */
    public void restore(final String expectedFingerprint, final String source, final Mlp mlp,
        final ParamOptimizer optimizer)
    {
        if (!fingerprint.equals(expectedFingerprint))
        {
            throw new BadInputException(source + ": checkpoint is for [" + fingerprint + "], this run is [" +
                expectedFingerprint + "]");
        }
        if (params.length != mlp.params().length)
        {
            throw new BadInputException(source + ": checkpoint has " + params.length + " parameters, the model " +
                mlp.params().length);
        }
        try
        {
            optimizer.loadState(optimizerState);
        }
        catch (final IllegalArgumentException e)
        {
            throw new BadInputException(source + ": checkpoint optimizer state does not fit: " + e.getMessage(), e);
        }
        System.arraycopy(params, 0, mlp.params(), 0, params.length);
    }

    /**
     * Writes atomically (temporary file + rename).
     *
     * @param file the checkpoint file
     * @throws IOException if writing fails (no partial file is left)
     */
    public void write(final Path file) throws IOException
    {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(buffer);
        out.writeUTF(fingerprint);
        out.writeInt(params.length);
        for (final float v : params)
        {
            out.writeFloat(v);
        }
        out.writeInt(optimizerState.length);
        out.write(optimizerState);
        out.write(extra);
        out.flush();
        final byte[] payload = buffer.toByteArray();
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
    public static CheckpointFile read(final Path file)
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
            final DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, HEADER, length));
            final String fingerprint = in.readUTF();
            final float[] params = new float[count(in, Float.BYTES)];
            for (int i = 0; i < params.length; i++)
            {
                params[i] = in.readFloat();
            }
            final byte[] state = new byte[count(in, 1)];
            in.readFully(state);
            return new CheckpointFile(fingerprint, params, state, in.readAllBytes());
        }
        catch (final IOException | RuntimeException e)
        {
            throw new BadInputException(file + ": corrupted checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static int count(final DataInputStream in, final int bytesEach) throws IOException
    {
        final int n = in.readInt();
        if (n < 0 || (long) n * bytesEach > in.available())
        {
            throw new IOException("bad length " + n);
        }
        return n;
    }
}
