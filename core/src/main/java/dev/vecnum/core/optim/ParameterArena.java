package dev.vecnum.core.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All tensors of a model in one flat {@code float[]} of parameters with a parallel {@code float[]} of gradients, so an
 * optimizer step is one pass over contiguous memory. Tensors are named {@link ParameterView}s registered once, in
 * order, through a {@link Builder}; they are laid out back to back without gaps.
 *
 * <pre>{@code
 * ParameterArena arena = ParameterArena.builder()
 *     .matrix("w1", 3, 10).vector("b1", 10)
 *     .matrix("w2", 10, 1).vector("b2", 1)
 *     .build();
 * ParameterView w1 = arena.view("w1");   // w1.offset() == 0, w1.length() == 30
 * }</pre>
 *
 * <p>The arrays are shared with every view and every optimizer built on the arena. Not thread-safe.
 */
public final class ParameterArena
{
    private final float[] params;
    private final float[] grads;
    private final List<ParameterView> views;
    private final Map<String, ParameterView> byName;
    private final int[] viewEnds;

    private ParameterArena(final Builder builder)
    {
        params = new float[builder.size];
        grads = new float[builder.size];
        final List<ParameterView> list = new ArrayList<>(builder.names.size());
        final Map<String, ParameterView> map = new HashMap<>();
        viewEnds = new int[builder.names.size()];
        int offset = 0;
        for (int i = 0; i < builder.names.size(); i++)
        {
            final int[] shape = builder.shapes.get(i);
            final int length = product(shape);
            final ParameterView view = new ParameterView(builder.names.get(i), i, offset, length, shape, params, grads);
            list.add(view);
            map.put(view.name(), view);
            offset += length;
            viewEnds[i] = offset;
        }
        views = Collections.unmodifiableList(list);
        byName = map;
    }

    /**
     * @return a builder for a new arena
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return all parameters, every view back to back
     */
    public float[] params()
    {
        return params;
    }

    /**
     * @return all gradients, parallel to {@link #params()}
     */
    public float[] grads()
    {
        return grads;
    }

    /**
     * @return total element count
     */
    public int size()
    {
        return params.length;
    }

    /**
     * @return the views in registration (= memory) order, unmodifiable
     */
    public List<ParameterView> views()
    {
        return views;
    }

    /**
     * @param name a view name
     * @return whether a view of that name exists
     */
    public boolean contains(final String name)
    {
        return byName.containsKey(name);
    }

    /**
     * The view registered under {@code name}.
     *
     * @param name the view name
     * @return the view
     * @throws IllegalArgumentException when there is no such view
     */
    public ParameterView view(final String name)
    {
        final ParameterView view = byName.get(name);
        if (view == null)
        {
            throw new IllegalArgumentException("name: no view named '" + name + "' (views: " + byName.keySet() + ")");
        }
        return view;
    }

    /**
     * The view holding arena element {@code element}.
     *
     * @param element an index in {@code [0, size())}
     * @return the view containing it
     */
    public ParameterView viewAt(final int element)
    {
        if (element < 0 || element >= params.length)
        {
            throw new IllegalArgumentException("element must be in [0, " + params.length + "), got " + element);
        }
        final int i = Arrays.binarySearch(viewEnds, element);
        // viewEnds holds exclusive ends: an exact hit is the first element of the next view
        return views.get(i >= 0 ? i + 1 : -i - 1);
    }

    /**
     * Sets every gradient to 0.
     */
    public void zeroGrad()
    {
        Arrays.fill(grads, 0f);
    }

    @Override
    public String toString()
    {
        return "ParameterArena" + views + " size=" + params.length;
    }

    private static int product(final int[] shape)
    {
        int n = 1;
        for (final int d : shape)
        {
            n *= d;
        }
        return n;
    }

    /**
     * Registers named tensors in order, then allocates the arena once. Not thread-safe.
     */
    public static final class Builder
    {
        private final List<String> names = new ArrayList<>();
        private final List<int[]> shapes = new ArrayList<>();
        private int size;

        private Builder()
        {
        }

        /**
         * Adds a tensor of the given shape after the previous one.
         *
         * @param name  unique, non-empty name
         * @param shape one or more dimensions, each ≥ 1
         * @return this builder
         */
        public Builder add(final String name, final int... shape)
        {
            if (name == null || name.isEmpty())
            {
                throw new IllegalArgumentException("name must be non-empty");
            }
            if (names.contains(name))
            {
                throw new IllegalArgumentException("name: a view named '" + name + "' already exists");
            }
            if (shape == null || shape.length == 0)
            {
                throw new IllegalArgumentException("shape of '" + name + "' must have at least one dimension");
            }
            long n = 1;
            for (final int d : shape)
            {
                if (d < 1)
                {
                    throw new IllegalArgumentException(
                        "shape of '" + name + "' must have dimensions >= 1, got " + Arrays.toString(shape));
                }
                n *= d;
                if (n > Integer.MAX_VALUE)
                {
                    break;
                }
            }
            // leave headroom under the VM's array limit
            if (size + n > Integer.MAX_VALUE - 16)
            {
                throw new IllegalArgumentException("shape of '" + name + "' " + Arrays.toString(shape) +
                    " makes the arena larger than a float[] can hold");
            }
            names.add(name);
            shapes.add(shape.clone());
            size += (int) n;
            return this;
        }

        /**
         * Adds a rank-1 tensor (a bias).
         *
         * @param name   unique name
         * @param length elements, ≥ 1
         * @return this builder
         */
        public Builder vector(final String name, final int length)
        {
            return add(name, length);
        }

        /**
         * Adds a row-major rows×cols tensor (a weight matrix).
         *
         * @param name unique name
         * @param rows rows, ≥ 1
         * @param cols columns, ≥ 1
         * @return this builder
         */
        public Builder matrix(final String name, final int rows, final int cols)
        {
            return add(name, rows, cols);
        }

        /**
         * Allocates the parameter and gradient arrays (zero-filled) and the views.
         *
         * @return the arena
         */
        public ParameterArena build()
        {
            return new ParameterArena(this);
        }
    }
}
