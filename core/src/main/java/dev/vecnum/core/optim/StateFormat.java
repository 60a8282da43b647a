package dev.vecnum.core.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The optimizer state record, big-endian:
 * <pre>
 * int magic "VNOS", int version (1), UTF kind, int arena size, int group count, int step, long skipped steps,
 * int array count, then per array: int length, length floats; finally long CRC-32 of every byte before it
 * </pre>
 * Reads are unbuffered past the record, so a record can sit inside a larger stream.
 */
final class StateFormat
{
    private static final int CHUNK_FLOATS = 1 << 14;
    private static final int MAX_KIND = 64;

    private StateFormat()
    {
    }

    static final class Header
    {
        final int magic;
        final int version;
        final String kind;
        final int size;
        final int groups;
        final int step;
        final long skipped;

        Header(final int magic, final int version, final String kind, final int size, final int groups,
            final int step, final long skipped)
        {
            this.magic = magic;
            this.version = version;
            this.kind = kind;
            this.size = size;
            this.groups = groups;
            this.step = step;
            this.skipped = skipped;
        }
    }

    static final class Loaded
    {
        final Header header;
        final float[][] arrays;

        Loaded(final Header header, final float[][] arrays)
        {
            this.header = header;
            this.arrays = arrays;
        }
    }

    static void write(final OutputStream out, final Header h, final float[][] arrays) throws IOException
    {
        final CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
        final DataOutputStream data = new DataOutputStream(checked);
        data.writeInt(h.magic);
        data.writeInt(h.version);
        data.writeUTF(h.kind);
        data.writeInt(h.size);
        data.writeInt(h.groups);
        data.writeInt(h.step);
        data.writeLong(h.skipped);
        data.writeInt(arrays.length);
        final ByteBuffer buffer = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES);
        for (final float[] a : arrays)
        {
            data.writeInt(a.length);
            for (int i = 0; i < a.length; i += CHUNK_FLOATS)
            {
                final int n = Math.min(CHUNK_FLOATS, a.length - i);
                buffer.clear();
                buffer.asFloatBuffer().put(a, i, n);
                data.write(buffer.array(), 0, n * Float.BYTES);
            }
        }
        data.flush();
        final long crc = checked.getChecksum().getValue();
        data.writeLong(crc);
        data.flush();
    }

    /**
     * Reads one record; kind, sizes and array count must equal {@code expected}'s (checked before the arrays are
     * allocated), else {@link IllegalArgumentException}.
     */
    static Loaded read(final InputStream in, final Header expected, final int arrayCount) throws IOException
    {
        final CheckedInputStream checked = new CheckedInputStream(in, new CRC32());
        final DataInputStream data = new DataInputStream(checked);
        final int m = data.readInt();
        if (m != expected.magic)
        {
            throw new IOException("not a vecnum optimizer state (magic " + Integer.toHexString(m) + ")");
        }
        final int v = data.readInt();
        if (v != expected.version)
        {
            throw new IOException("unsupported optimizer state version " + v + " (this build reads " + expected.version + ")");
        }
        final String kind = data.readUTF();
        if (kind.length() > MAX_KIND)
        {
            throw new IOException("corrupt optimizer state: kind of length " + kind.length());
        }
        final int size = data.readInt();
        final int groups = data.readInt();
        final int step = data.readInt();
        final long skipped = data.readLong();
        final int count = data.readInt();
        if (!kind.equals(expected.kind) || size != expected.size || groups != expected.groups || count != arrayCount)
        {
            throw new IllegalArgumentException("state is for " + kind + " over " + size + " parameters in " + groups +
                " groups with " + count + " state arrays, this optimizer is " + expected.kind + " over " +
                expected.size + " in " + expected.groups + " with " + arrayCount);
        }
        if (step < 0 || skipped < 0)
        {
            throw new IOException("corrupt optimizer state: step " + step + ", skipped " + skipped);
        }
        final float[][] arrays = new float[count][];
        final byte[] bytes = new byte[CHUNK_FLOATS * Float.BYTES];
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        for (int k = 0; k < count; k++)
        {
            final int length = data.readInt();
            if (length != size)
            {
                throw new IOException("corrupt optimizer state: array " + k + " has " + length + " floats, expected " +
                    size);
            }
            final float[] a = new float[length];
            for (int i = 0; i < length; i += CHUNK_FLOATS)
            {
                final int n = Math.min(CHUNK_FLOATS, length - i);
                data.readFully(bytes, 0, n * Float.BYTES);
                buffer.clear();
                buffer.asFloatBuffer().get(a, i, n);
            }
            arrays[k] = a;
        }
        final long computed = checked.getChecksum().getValue();
        final long crc = data.readLong();
        if (crc != computed)
        {
            throw new IOException("corrupt optimizer state: CRC-32 " + Long.toHexString(crc) + " != computed " +
                Long.toHexString(computed));
        }
        return new Loaded(new Header(m, v, kind, size, groups, step, skipped), arrays);
    }
}
