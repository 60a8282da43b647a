package dev.vecnum.examples.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.nn.io.PendingFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The training log, JSON lines, one object per epoch: for {@code train} and {@code lesson} the keys {@code epoch,
 * train_loss, valid_loss, seconds, lr} (the lesson's log format plus the learning rate), for {@code classify} its
 * own. Lines are written as epochs finish to a temporary file that
 * becomes the log only on {@link #commit()}; a failed or interrupted run leaves no log behind (see
 * {@link PendingFile}). Not thread-safe.
 */
public final class EpochLog implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PendingFile file;

    private EpochLog(final PendingFile file)
    {
        this.file = file;
    }

    /**
     * Starts a log that will become {@code target}.
     *
     * @param target the log file
     * @return the open log
     * @throws dev.vecnum.nn.BadInputException if the file cannot be created
     */
    public static EpochLog create(final Path target)
    {
        return new EpochLog(PendingFile.create(target));
    }

    /**
     * Appends one epoch's line.
     *
     * @param epoch the record
     */
    public void append(final EpochResult epoch)
    {
        appendLine(line(epoch));
    }

    /**
     * Appends one line (a JSON object another front end built, e.g. a {@code classify} epoch).
     *
     * @param json the line, without the newline
     */
    public void appendLine(final String json)
    {
        try
        {
            file.out().write((json + "\n").getBytes(StandardCharsets.UTF_8));
            file.out().flush();
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("writing log " + file.target(), e);
        }
    }

    /**
     * Makes the written lines the log file.
     *
     * @throws IOException if the file cannot be completed
     */
    public void commit() throws IOException
    {
        file.commit();
    }

    /** Discards the log unless committed. */
    @Override
    public void close()
    {
        file.close();
    }

    /**
     * One record as a JSON object on one line.
     *
     * @param epoch the record
     * @return e.g. {@code {"epoch":0,"train_loss":…,"valid_loss":…,"seconds":…,"lr":…}}
     */
    public static String line(final EpochResult epoch)
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("epoch", epoch.epoch());
        node.put("train_loss", epoch.trainLoss());
        node.put("valid_loss", epoch.validLoss());
        node.put("seconds", epoch.seconds());
        node.put("lr", epoch.lr());
        return node.toString();
    }
}
