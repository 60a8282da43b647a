package dev.vecnum.nn.data;

import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.io.PendingFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files of MNIST-style data sets (LeCun's format): a big-endian header of magic {@code 0x0000 08 nd}
 * (unsigned bytes, nd dimensions) and nd sizes, then the bytes. Images are {@code 0x00000803} (count × rows × cols),
 * labels {@code 0x00000801} (count). A file may be plain or gzip-compressed (recognised by its first bytes, whatever
 * its name). Every defect is a {@link BadInputException} whose one-line message names the file: missing, not IDX or
 * the wrong kind, truncated, trailing bytes, corrupted compression. Stateless and thread-safe.
 */
public final class IdxFile
{
    /** Magic of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    /**
     * Images scaled to [0, 1] (byte / 255), one flat row-major row of height·width floats per image.
     *
     * @param file   where they came from
     * @param count  number of images
     * @param height rows per image
     * @param width  columns per image
     * @param pixels count × height·width floats in [0, 1]
     */
    public record Images(Path file, int count, int height, int width, float[] pixels)
    {
        /**
         * @return floats per image, height·width
         */
        public int features()
        {
            return height * width;
        }
    }

    private IdxFile()
    {
    }

    /**
     * Reads an image file.
     *
     * @param file the IDX file (plain or gzip)
     * @return the images, scaled to [0, 1]
     * @throws BadInputException naming the file and the defect
     */
    public static Images readImages(final Path file)
    {
        final byte[] bytes = readAll(file);
        final ByteBuffer header = header(file, bytes, IMAGES_MAGIC, "image", 3);
        final int count = size(file, header, "image count");
        final int height = size(file, header, "image height");
        final int width = size(file, header, "image width");
        final long pixels = (long) count * height * width;
        if (pixels > Integer.MAX_VALUE - 16)
        {
            throw new BadInputException(file + ": " + count + " images of " + height + "x" + width +
                " are too many pixels for one array");
        }
        checkLength(file, bytes, 16, pixels, count + " images of " + height + "x" + width);
        final float[] x = new float[(int) pixels];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = (bytes[16 + i] & 0xff) / 255f;
        }
        return new Images(file, count, height, width, x);
    }

    /**
     * Reads a label file.
     *
     * @param file the IDX file (plain or gzip)
     * @return the labels, each 0 … 255
     * @throws BadInputException naming the file and the defect
     */
    public static int[] readLabels(final Path file)
    {
        final byte[] bytes = readAll(file);
        final ByteBuffer header = header(file, bytes, LABELS_MAGIC, "label", 1);
        final int count = size(file, header, "label count");
        checkLength(file, bytes, 8, count, count + " labels");
        final int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = bytes[8 + i] & 0xff;
        }
        return labels;
    }

    /**
     * Writes an image file atomically (for tests and tools that produce IDX data).
     *
     * @param file   the file to write
     * @param count  number of images
     * @param height rows per image
     * @param width  columns per image
     * @param pixels count·height·width bytes, row-major per image
     * @param gzip   compress with gzip
     * @throws IOException if the file cannot be written
     */
    public static void writeImages(final Path file, final int count, final int height, final int width,
        final byte[] pixels, final boolean gzip) throws IOException
    {
        if (count <= 0 || height <= 0 || width <= 0 || pixels.length != (long) count * height * width)
        {
            throw new IllegalArgumentException("writeImages: " + count + " images of " + height + "x" + width +
                " need " + (long) count * height * width + " bytes, got " + pixels.length);
        }
        write(file, ByteBuffer.allocate(16).putInt(IMAGES_MAGIC).putInt(count).putInt(height).putInt(width).array(),
            pixels, gzip);
    }

    /**
     * Writes a label file atomically.
     *
     * @param file   the file to write
     * @param labels the labels, each 0 … 255
     * @param gzip   compress with gzip
     * @throws IOException if the file cannot be written
     */
    public static void writeLabels(final Path file, final int[] labels, final boolean gzip) throws IOException
    {
        final byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++)
        {
            if (labels[i] < 0 || labels[i] > 255)
            {
                throw new IllegalArgumentException("writeLabels: label " + labels[i] + " at " + i + " is not a byte");
            }
            bytes[i] = (byte) labels[i];
        }
        write(file, ByteBuffer.allocate(8).putInt(LABELS_MAGIC).putInt(labels.length).array(), bytes, gzip);
    }

    private static void write(final Path file, final byte[] header, final byte[] data, final boolean gzip)
        throws IOException
    {
        try (PendingFile pending = PendingFile.create(file))
        {
            final OutputStream out = gzip ? new GZIPOutputStream(pending.out()) : pending.out();
            out.write(header);
            out.write(data);
            if (out instanceof GZIPOutputStream compressed)
            {
                compressed.finish();
            }
            pending.commit();
        }
    }

    private static ByteBuffer header(final Path file, final byte[] bytes, final int magic, final String kind,
        final int dims)
    {
        final int headerBytes = 4 + 4 * dims;
        if (bytes.length < 4)
        {
            throw new BadInputException(file + ": not an IDX " + kind + " file (" + bytes.length + " bytes)");
        }
        final ByteBuffer header = ByteBuffer.wrap(bytes);
        final int actual = header.getInt();
        if (actual != magic)
        {
            throw new BadInputException(String.format("%s: not an IDX %s file (magic number 0x%08X, expected 0x%08X)",
                file, kind, actual, magic));
        }
        if (bytes.length < headerBytes)
        {
            throw new BadInputException(file + ": truncated IDX header (" + bytes.length + " bytes, expected " +
                headerBytes + ")");
        }
        return header;
    }

    private static int size(final Path file, final ByteBuffer header, final String what)
    {
        final int n = header.getInt();
        if (n <= 0)
        {
            throw new BadInputException(file + ": " + what + " is " + Integer.toUnsignedLong(n) + " (must be > 0)");
        }
        return n;
    }

    private static void checkLength(final Path file, final byte[] bytes, final int headerBytes, final long expected,
        final String what)
    {
        final long found = bytes.length - headerBytes;
        if (found < expected)
        {
            throw new BadInputException(file + ": truncated: the header announces " + what + " (" + expected +
                " bytes of data), the file has " + found);
        }
        if (found > expected)
        {
            throw new BadInputException(file + ": " + (found - expected) + " unexpected bytes after the " + what +
                " the header announces");
        }
    }

    private static byte[] readAll(final Path file)
    {
        final byte[] raw;
        try
        {
            raw = Files.readAllBytes(file);
        }
        catch (final NoSuchFileException e)
        {
            throw new BadInputException(file + ": no such file", e);
        }
        catch (final IOException e)
        {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (raw.length < 2 || (raw[0] & 0xff) != 0x1f || (raw[1] & 0xff) != 0x8b)
        {
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 1 << 16))
        {
            return in.readAllBytes();
        }
        catch (final ZipException e)
        {
            throw new BadInputException(file + ": corrupted gzip data (" + e.getMessage() + ")", e);
        }
        catch (final IOException e)
        {
            throw new BadInputException(file + ": truncated gzip data (" + e.getMessage() + ")", e);
        }
    }
}
