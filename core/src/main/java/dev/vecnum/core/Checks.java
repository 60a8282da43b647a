package dev.vecnum.core;

/**
 * Argument validation shared by every public entry point. Every check runs before any output is written, and every
 * failure is an {@link IllegalArgumentException} whose message names the operation, the argument and the sizes.
 *
 * <p>Stateless and thread-safe.
 */
public final class Checks
{
    private Checks()
    {
    }

    /**
     * Requires {@code value >= 0}.
     *
     * @param op    operation name for the message, e.g. {@code "matmul"}
     * @param name  argument name
     * @param value the value
     */
    public static void nonNegative(final String op, final String name, final int value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + value);
        }
    }

    /**
     * Returns {@code rows * cols} after checking both are non-negative and the product fits in an {@code int}.
     *
     * @param op    operation name for the message
     * @param what  description of the product, e.g. {@code "m*k"}
     * @param rows  first factor
     * @param cols  second factor
     * @return the product
     */
    public static int elements(final String op, final String what, final int rows, final int cols)
    {
        final long product = (long) rows * (long) cols;
        if (rows < 0 || cols < 0 || product > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException(
                op + ": " + what + " = " + rows + "*" + cols + " = " + product + " is negative or overflows int");
        }
        return (int) product;
    }

    /**
     * Requires {@code array[off, off + len)} to exist: array non-null, {@code off >= 0}, {@code len >= 0} and
     * {@code off + len <= array.length} (computed without overflow).
     *
     * @param op    operation name for the message
     * @param name  array argument name
     * @param array the array
     * @param off   first element used
     * @param len   number of elements used
     */
    public static void range(final String op, final String name, final float[] array, final int off, final long len)
    {
        if (array == null)
        {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        checkRange(op, name, array.length, off, len, "floats");
    }

    private static void checkRange(
        final String op, final String name, final int length, final int off, final long len, final String unit)
    {
        if (off < 0)
        {
            throw new IllegalArgumentException(op + ": " + name + "Off must be >= 0, got " + off);
        }
        if (len < 0)
        {
            throw new IllegalArgumentException(op + ": length for " + name + " must be >= 0, got " + len);
        }
        if (off + len > length)
        {
            throw new IllegalArgumentException(op + ": " + name + " too short: needs " + name + "Off + " + len + " = " +
                (off + len) + " " + unit + ", has " + length);
        }
    }

    /**
     * Requires {@code array[off, off + len)} to exist, as {@link #range(String, String, float[], int, long)} for an
     * {@code int[]} (labels, indices).
     *
     * @param op    operation name for the message
     * @param name  array argument name
     * @param array the array
     * @param off   first element used
     * @param len   number of elements used
     */
    public static void range(final String op, final String name, final int[] array, final int off, final long len)
    {
        if (array == null)
        {
            throw new IllegalArgumentException(op + ": " + name + " is null");
        }
        checkRange(op, name, array.length, off, len, "ints");
    }

    /**
     * Requires every label in {@code labels[off, off + rows)} to lie in [0, classes); the message names the first
     * offending index and value. The range itself must already have been checked.
     *
     * @param op      operation name for the message
     * @param labels  the labels
     * @param off     offset of the first label
     * @param rows    label count
     * @param classes the number of classes
     */
    public static void labels(final String op, final int[] labels, final int off, final int rows, final int classes)
    {
        for (int i = 0; i < rows; i++)
        {
            final int label = labels[off + i];
            if (label < 0 || label >= classes)
            {
                throw new IllegalArgumentException(op + ": labels[" + (off + i) + "] = " + label +
                    " (row " + i + ") is outside [0, " + classes + ")");
            }
        }
    }

    /**
     * Requires that {@code out} is not the same array as {@code in}: kernels that read inputs while writing outputs in
     * blocks would otherwise read values they already overwrote.
     *
     * @param op      operation name for the message
     * @param outName output argument name
     * @param out     output array
     * @param inName  input argument name
     * @param in      input array
     */
    public static void notSameArray(
        final String op, final String outName, final float[] out, final String inName, final float[] in)
    {
        if (out == in && out != null)
        {
            throw new IllegalArgumentException(op + ": output " + outName + " must not be the same array as input " +
                inName + " (length " + out.length + ")");
        }
    }

    /**
     * For element-wise kernels: the output region may coincide exactly with the input region (true in-place), but a
     * partial overlap in the same array is rejected because the result would depend on the processing order.
     *
     * @param op      operation name for the message
     * @param outName output argument name
     * @param out     output array
     * @param outOff  output offset
     * @param inName  input argument name
     * @param in      input array
     * @param inOff   input offset
     * @param len     elements processed
     */
    public static void noPartialOverlap(
        final String op, final String outName, final float[] out, final int outOff,
        final String inName, final float[] in, final int inOff, final int len)
    {
        if (out == in && outOff != inOff && len > 0 && Math.abs((long) outOff - inOff) < len)
        {
            throw new IllegalArgumentException(op + ": " + outName + "[" + outOff + ", " + ((long) outOff + len) +
                ") partially overlaps " + inName + "[" + inOff + ", " + ((long) inOff + len) + ") in the same array");
        }
    }

    /**
     * Requires a finite value.
     *
     * @param op    operation name for the message
     * @param name  argument name
     * @param value the value
     */
    public static void finite(final String op, final String name, final float value)
    {
        if (!Float.isFinite(value))
        {
            throw new IllegalArgumentException(op + ": " + name + " must be finite, got " + value);
        }
    }
}
