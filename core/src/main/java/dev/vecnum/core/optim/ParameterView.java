package dev.vecnum.core.optim;

import java.util.Arrays;

/**
 * A named tensor inside a {@link ParameterArena}: elements {@code [offset, offset + length)} of the arena's
 * {@link #params()} array, with its gradient at the same offsets of {@link #grads()}. Row-major; a rank-1 view of n
 * elements reads as a 1×n row (the lesson's bias shape).
 *
 * <p>Immutable; the arrays it points to are shared with the arena and are not copied.
 */
public final class ParameterView
{
    private final String name;
    private final int index;
    private final int offset;
    private final int length;
    private final int[] shape;
    private final float[] params;
    private final float[] grads;

    ParameterView(
        final String name, final int index, final int offset, final int length, final int[] shape,
        final float[] params, final float[] grads)
    {
        this.name = name;
        this.index = index;
        this.offset = offset;
        this.length = length;
        this.shape = shape;
        this.params = params;
        this.grads = grads;
    }

    /**
     * @return the name given at build time
     */
    public String name()
    {
        return name;
    }

    /**
     * @return position of this view in {@link ParameterArena#views()} (registration order)
     */
    public int index()
    {
        return index;
    }

    /**
     * @return first element in the arena arrays
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return number of elements (product of the shape)
     */
    public int length()
    {
        return length;
    }

    /**
     * @return one past the last element, {@code offset() + length()}
     */
    public int end()
    {
        return offset + length;
    }

    /**
     * @return a copy of the shape
     */
    public int[] shape()
    {
        return shape.clone();
    }

    /**
     * @return number of dimensions
     */
    public int rank()
    {
        return shape.length;
    }

    /**
     * Rows when read as a matrix: {@code shape[0]} for rank ≥ 2, 1 for rank 1.
     *
     * @return rows
     */
    public int rows()
    {
        return shape.length == 1 ? 1 : shape[0];
    }

    /**
     * Columns when read as a matrix: {@code length() / rows()}.
     *
     * @return columns
     */
    public int cols()
    {
        return length / rows();
    }

    /**
     * @return the arena's whole parameter array (this view is at {@link #offset()})
     */
    public float[] params()
    {
        return params;
    }

    /**
     * @return the arena's whole gradient array (this view is at {@link #offset()})
     */
    public float[] grads()
    {
        return grads;
    }

    /**
     * Copies {@code length()} values from {@code src[srcOff..]} into this view's parameters.
     *
     * @param src    source values
     * @param srcOff first source element
     */
    public void setParams(final float[] src, final int srcOff)
    {
        if (src == null || srcOff < 0 || (long) srcOff + length > src.length)
        {
            throw new IllegalArgumentException("setParams: src must hold srcOff + " + length + " floats for view '" +
                name + "', got srcOff=" + srcOff + ", src.length=" + (src == null ? "null" : src.length));
        }
        System.arraycopy(src, srcOff, params, offset, length);
    }

    @Override
    public String toString()
    {
        return name + Arrays.toString(shape) + "@" + offset;
    }
}
