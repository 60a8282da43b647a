package dev.vecnum.nn.io;

import dev.vecnum.nn.BadInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written atomically: the bytes go to a hidden temporary file beside the target, which {@link #commit()}
 * forces to disk and renames over the target in one step; {@link #close()} without a commit deletes the temporary
 * file. So the target is either absent, its previous version, or complete: never half-written. Not thread-safe.
 *
 * <pre>
 * try (PendingFile file = PendingFile.create(path))
 * {
 *     file.out().write(bytes);
 *     file.commit();
 * }
 * </pre>
 */
public final class PendingFile implements AutoCloseable
{
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean done;

    private PendingFile(final Path target, final Path temp, final FileChannel channel)
    {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel));
    }

    /**
     * Creates the temporary file beside {@code target}.
     *
     * @param target the file to produce on commit
     * @return the pending file
     * @throws BadInputException if the target is a directory or its directory cannot be written
     */
    public static PendingFile create(final Path target)
    {
        final Path absolute = checkWritable(target);
        final Path dir = absolute.getParent();
        try
        {
            final Path temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            return new PendingFile(absolute, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        }
        catch (final IOException e)
        {
            throw new BadInputException(target + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Checks, without creating anything, that {@code target} could be produced: it is not a directory and its
     * directory exists.
     *
     * @param target the file to produce later
     * @return the target as an absolute path
     * @throws BadInputException if not
     */
    public static Path checkWritable(final Path target)
    {
        final Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute))
        {
            throw new BadInputException(target + ": is a directory");
        }
        if (!Files.isDirectory(absolute.getParent()))
        {
            throw new BadInputException(target + ": directory " + absolute.getParent() + " does not exist");
        }
        return absolute;
    }

    /**
     * @return the stream to the temporary file (buffered; do not close it, use {@link #commit()} or {@link #close()})
     */
    public OutputStream out()
    {
        return out;
    }

    /**
     * Flushes, forces the data to disk and renames the temporary file over the target (atomically where the file
     * system allows).
     *
     * @throws IOException if writing or renaming fails (the temporary file is then deleted by {@link #close()})
     */
    public void commit() throws IOException
    {
        if (done)
        {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        out.flush();
        channel.force(true);
        out.close();
        try
        {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        done = true;
    }

    /**
     * Deletes the temporary file unless committed. Never throws.
     */
    @Override
    public void close()
    {
        if (!done)
        {
            done = true;
            try
            {
                out.close();
            }
            catch (final IOException ignored)
            {
                // the file is deleted next; nothing of it is kept
            }
            try
            {
                Files.deleteIfExists(temp);
            }
            catch (final IOException ignored)
            {
                // best effort: a stray hidden .tmp is all that can remain
            }
        }
    }

    /**
     * @return the file produced on commit
     */
    public Path target()
    {
        return target;
    }
}
