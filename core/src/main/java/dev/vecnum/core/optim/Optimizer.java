package dev.vecnum.core.optim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-place optimizer over a {@link ParameterArena}: {@link #step()} applies one update to every parameter from
 * the arena's gradients, one fused kernel pass per contiguous range of each parameter group.
 *
 * <p>Per step, in order: the learning rate of each group is taken from the {@link LrSchedule} at the 1-based step
 * t = {@link #stepCount()} + 1; if a {@link NonFinitePolicy} guard or gradient clipping is configured, the global
 * gradient norm is computed (one read pass) and non-finite gradients are handled, then gradients are clipped in place
 * ({@link GradClip}); finally each group's range is updated. Optimizer state (velocity, moments) lives in arrays
 * parallel to the arena, allocated once at build time; {@code step()} allocates nothing.
 *
 * <pre>{@code
 * for (Batch batch : batches) {
 *     opt.zeroGrad();
 *     model.forwardBackward(batch, arena);   // writes arena.grads()
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>Resuming: {@link #saveState()} / {@link #loadState(byte[])} carry the step counter (and with it the schedule
 * position) and every state array; together with the parameters, a restored run continues bit for bit.
 *
 * <p>Not thread-safe.
 */
public abstract sealed class Optimizer permits Sgd, Momentum, AdamW
{
    private static final int MAGIC = 0x564E4F53; // "VNOS"
    private static final int VERSION = 1;

    final ParameterArena arena;
    final float[] params;
    final float[] grads;

    private final String kind;
    private final String[] groupNames;
    private final double[] baseLr;
    private final float[] weightDecay;
    private final int[][] rangeOff;
    private final int[][] rangeLen;
    private final double[] lastLr;
    private final double[] nextLr;
    private final LrSchedule schedule;
    private final double maxGradNorm;
    private final NonFinitePolicy nonFinite;

    private int step;
    private long skipped;
    private double lastGradNorm = Double.NaN;

    Optimizer(final Builder<?, ?> b, final String kind)
    {
        this.kind = kind;
        arena = b.arena;
        params = arena.params();
        grads = arena.grads();
        schedule = b.schedule;
        maxGradNorm = b.maxGradNorm;
        nonFinite = b.nonFinite;

        final List<List<ParameterView>> members = b.resolveGroups(kind);
        final int n = members.size();
        groupNames = new String[n];
        baseLr = new double[n];
        weightDecay = new float[n];
        rangeOff = new int[n][];
        rangeLen = new int[n][];
        lastLr = new double[n];
        nextLr = new double[n];
        for (int g = 0; g < n; g++)
        {
            final ParamGroup spec = g < b.groups.size() ? b.groups.get(g) : null;
            groupNames[g] = spec == null ? "default" : spec.name();
            baseLr[g] = spec == null || Double.isNaN(spec.lrOverride()) ? b.lr : spec.lrOverride();
            weightDecay[g] = (float) (spec == null || Double.isNaN(spec.weightDecayOverride()) ?
                b.weightDecay : spec.weightDecayOverride());
            setRanges(g, members.get(g));
            lastLr[g] = scheduledLr(g, 1);
        }
    }

    private void setRanges(final int g, final List<ParameterView> views)
    {
        final List<ParameterView> sorted = new ArrayList<>(views);
        sorted.sort((x, y) -> Integer.compare(x.offset(), y.offset()));
        final List<int[]> ranges = new ArrayList<>();
        for (final ParameterView v : sorted)
        {
            final int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (last != null && last[0] + last[1] == v.offset())
            {
                last[1] += v.length();
            }
            else
            {
                ranges.add(new int[] {v.offset(), v.length()});
            }
        }
        rangeOff[g] = ranges.stream().mapToInt(r -> r[0]).toArray();
        rangeLen[g] = ranges.stream().mapToInt(r -> r[1]).toArray();
    }

    /**
     * Applies one update from the current gradients.
     *
     * @return {@code true} when the parameters were updated; {@code false} when {@link NonFinitePolicy#SKIP} skipped
     *     the step (nothing written, step counter unchanged)
     * @throws NonFiniteGradientException under {@link NonFinitePolicy#THROW}, before anything is written
     * @throws IllegalStateException when the schedule returns a negative or non-finite lr, before anything is written
     */
    public final boolean step()
    {
        if (step == Integer.MAX_VALUE)
        {
            throw new IllegalStateException(kind + ": step counter exhausted at " + step);
        }
        final int t = step + 1;
        for (int g = 0; g < baseLr.length; g++)
        {
            nextLr[g] = scheduledLr(g, t);
        }
        if (nonFinite != NonFinitePolicy.IGNORE || maxGradNorm > 0.0)
        {
            final double sumSq = GradClip.blockedSumOfSquares(grads, 0, grads.length);
            lastGradNorm = Math.sqrt(sumSq);
            if (!Double.isFinite(sumSq) && nonFinite != NonFinitePolicy.IGNORE)
            {
                if (nonFinite == NonFinitePolicy.THROW)
                {
                    throw nonFiniteError(t);
                }
                skipped++;
                return false;
            }
            if (maxGradNorm > 0.0)
            {
                GradClip.scaleIfAbove(grads, 0, grads.length, lastGradNorm, maxGradNorm);
            }
        }
        for (int g = 0; g < baseLr.length; g++)
        {
            final float lr = (float) nextLr[g];
            final float wd = weightDecay[g];
            final int[] offs = rangeOff[g];
            final int[] lens = rangeLen[g];
            for (int r = 0; r < offs.length; r++)
            {
                update(offs[r], lens[r], lr, wd, t);
            }
            lastLr[g] = nextLr[g];
        }
        step = t;
        return true;
    }

    /**
     * Updates {@code [off, off+len)} with the group's float hyperparameters at 1-based step t.
     */
    abstract void update(int off, int len, float lr, float weightDecay, int t);

    /**
     * The state arrays, parallel to the arena, in save order (none for plain SGD).
     */
    abstract float[][] stateArrays();

    private double scheduledLr(final int g, final long t)
    {
        final double lr = schedule.lr(baseLr[g], t);
        if (!(lr >= 0.0 && (float) lr <= Float.MAX_VALUE))
        {
            throw new IllegalStateException(kind + ": schedule " + schedule + " returned lr=" + lr + " for group '" +
                groupNames[g] + "' at step " + t);
        }
        return lr;
    }

    private NonFiniteGradientException nonFiniteError(final int t)
    {
        for (int i = 0; i < grads.length; i++)
        {
            if (!Float.isFinite(grads[i]))
            {
                final ParameterView view = arena.viewAt(i);
                return new NonFiniteGradientException(view.name(), i - view.offset(), grads[i], t);
            }
        }
        throw new AssertionError("non-finite sum of squares without a non-finite gradient");
    }

    /**
     * Sets every gradient of the arena to 0.
     */
    public void zeroGrad()
    {
        arena.zeroGrad();
    }

    /**
     * @return the arena this optimizer updates
     */
    public ParameterArena arena()
    {
        return arena;
    }

    /**
     * @return steps applied so far (skipped steps not counted); the next step is {@code stepCount() + 1}
     */
    public int stepCount()
    {
        return step;
    }

    /**
     * @return steps skipped by {@link NonFinitePolicy#SKIP}
     */
    public long skippedSteps()
    {
        return skipped;
    }

    /**
     * The learning rate of the first group used by the most recent step (before the first step: the one step 1 will
     * use), for logs.
     *
     * @return the learning rate
     */
    public double lr()
    {
        return lastLr[0];
    }

    /**
     * The learning rate of group {@code group} used by the most recent step (before the first: step 1's).
     *
     * @param group group index, see {@link #groupCount()}
     * @return the learning rate
     */
    public double lr(final int group)
    {
        return lastLr[checkGroup(group)];
    }

    /**
     * @return number of parameter groups: the builder's groups in order, then the default group if any view was left
     */
    public int groupCount()
    {
        return baseLr.length;
    }

    /**
     * @param group group index
     * @return the group's name ({@code "default"} for the default group)
     */
    public String groupName(final int group)
    {
        return groupNames[checkGroup(group)];
    }

    /**
     * @param group group index
     * @return the group's base learning rate (before the schedule)
     */
    public double baseLr(final int group)
    {
        return baseLr[checkGroup(group)];
    }

    /**
     * @param group group index
     * @return the group's weight decay (0 for SGD and momentum)
     */
    public float weightDecay(final int group)
    {
        return weightDecay[checkGroup(group)];
    }

    /**
     * @return the global gradient L2 norm (before clipping) computed by the most recent step, NaN when neither
     *     clipping nor the guard is configured
     */
    public double lastGradNorm()
    {
        return lastGradNorm;
    }

    /**
     * @return the schedule
     */
    public LrSchedule schedule()
    {
        return schedule;
    }

    private int checkGroup(final int group)
    {
        if (group < 0 || group >= baseLr.length)
        {
            throw new IllegalArgumentException("group must be in [0, " + baseLr.length + "), got " + group);
        }
        return group;
    }

    /**
     * Writes the state (format version, optimizer kind, arena size, step counter, skipped steps, every state array,
     * CRC-32) to {@code out}; does not close it. Parameters are not included.
     *
     * @param out destination
     * @throws IOException from the stream
     */
    public void saveState(final OutputStream out) throws IOException
    {
        final float[][] state = stateArrays();
        StateFormat.write(out, header(), state);
    }

    private StateFormat.Header header()
    {
        return new StateFormat.Header(MAGIC, VERSION, kind, params.length, baseLr.length, step, skipped);
    }

    /**
     * @return the state as bytes, see {@link #saveState(OutputStream)}
     */
    public byte[] saveState()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try
        {
            saveState(bytes);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state written by {@link #saveState(OutputStream)} and replaces this optimizer's state with it. The whole
     * record is read and checked (magic, version, CRC, kind, sizes) before anything is replaced.
     *
     * @param in source, positioned at the record; read to the record's end, not closed
     * @throws IOException when the stream fails, ends early or the record is corrupt
     * @throws IllegalArgumentException when the record is for another optimizer kind, arena size or group count
     */
    public void loadState(final InputStream in) throws IOException
    {
        commit(StateFormat.read(in, header(), stateArrays().length));
    }

    private void commit(final StateFormat.Loaded loaded)
    {
        final float[][] state = stateArrays();
        final StateFormat.Header h = loaded.header;
        for (int g = 0; g < baseLr.length; g++)
        {
            nextLr[g] = scheduledLr(g, Math.max(1, h.step));
        }
        for (int i = 0; i < state.length; i++)
        {
            System.arraycopy(loaded.arrays[i], 0, state[i], 0, state[i].length);
        }
        step = h.step;
        skipped = h.skipped;
        System.arraycopy(nextLr, 0, lastLr, 0, lastLr.length);
    }

    /**
     * Reads a state from bytes, see {@link #loadState(InputStream)}; the bytes must hold exactly one record.
     *
     * @param bytes the record
     * @throws IllegalArgumentException when the record is corrupt, truncated, has trailing bytes or does not fit
     */
    public void loadState(final byte[] bytes)
    {
        if (bytes == null)
        {
            throw new IllegalArgumentException("bytes is null");
        }
        final ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        final StateFormat.Loaded loaded;
        try
        {
            loaded = StateFormat.read(in, header(), stateArrays().length);
        }
        catch (final IOException e)
        {
            throw new IllegalArgumentException("bytes: " + e.getMessage(), e);
        }
        if (in.available() != 0)
        {
            throw new IllegalArgumentException("bytes: " + in.available() + " trailing bytes after the state record");
        }
        commit(loaded);
    }

    @Override
    public String toString()
    {
        return kind + "[groups=" + Arrays.toString(groupNames) + ", baseLr=" + Arrays.toString(baseLr) +
            ", schedule=" + schedule + ", step=" + step + "]";
    }

    /**
     * Settings shared by every optimizer: learning rate, groups, schedule, clipping, non-finite guard.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class Builder<B extends Builder<B, O>, O extends Optimizer>
    {
        final ParameterArena arena;
        final String owner;
        final List<ParamGroup> groups = new ArrayList<>();
        double lr = Double.NaN;
        double weightDecay;
        LrSchedule schedule = LrSchedule.constant();
        double maxGradNorm;
        NonFinitePolicy nonFinite = NonFinitePolicy.IGNORE;

        Builder(final ParameterArena arena, final String owner)
        {
            if (arena == null)
            {
                throw new IllegalArgumentException(owner + ": arena is null");
            }
            this.arena = arena;
            this.owner = owner;
        }

        @SuppressWarnings("unchecked")
        final B self()
        {
            return (B) this;
        }

        /**
         * @param value base learning rate of every group without its own, finite and ≥ 0
         * @return this builder
         */
        public B lr(final double value)
        {
            Hyper.nonNegative(owner, "lr", value);
            lr = value;
            return self();
        }

        /**
         * Adds a parameter group; views in no group form the default group, which comes last.
         *
         * @param group the group; its views must exist and belong to no other group
         * @return this builder
         */
        public B group(final ParamGroup group)
        {
            if (group == null)
            {
                throw new IllegalArgumentException(owner + ": group is null");
            }
            groups.add(group);
            return self();
        }

        /**
         * @param value the learning-rate schedule (default constant)
         * @return this builder
         */
        public B schedule(final LrSchedule value)
        {
            if (value == null)
            {
                throw new IllegalArgumentException(owner + ": schedule is null");
            }
            schedule = value;
            return self();
        }

        /**
         * Clips the global gradient norm before each step ({@link GradClip} semantics).
         *
         * @param maxNorm the largest allowed norm, finite and &gt; 0
         * @return this builder
         */
        public B clipGradNorm(final double maxNorm)
        {
            Hyper.positive(owner, "maxNorm", maxNorm);
            maxGradNorm = maxNorm;
            return self();
        }

        /**
         * @param policy what to do with NaN/Inf gradients (default {@link NonFinitePolicy#IGNORE})
         * @return this builder
         */
        public B nonFiniteGradients(final NonFinitePolicy policy)
        {
            if (policy == null)
            {
                throw new IllegalArgumentException(owner + ": policy is null");
            }
            nonFinite = policy;
            return self();
        }

        /**
         * Validates the settings and allocates the optimizer and its state arrays.
         *
         * @return the optimizer
         */
        public abstract O build();

        final List<List<ParameterView>> resolveGroups(final String kind)
        {
            if (Double.isNaN(lr))
            {
                throw new IllegalArgumentException(owner + ": lr is required");
            }
            final Map<String, String> owners = new HashMap<>();
            final List<List<ParameterView>> members = new ArrayList<>();
            for (final ParamGroup group : groups)
            {
                if (!"adamw".equals(kind) && !Double.isNaN(group.weightDecayOverride()) &&
                    group.weightDecayOverride() != 0.0)
                {
                    throw new IllegalArgumentException(owner + ": weightDecay of group '" + group.name() +
                        "' is not supported (only AdamW decays weights)");
                }
                final List<ParameterView> views = new ArrayList<>();
                for (final String name : group.viewNames())
                {
                    if (!arena.contains(name))
                    {
                        throw new IllegalArgumentException(owner + ": group '" + group.name() + "' names view '" +
                            name + "', which is not in the arena");
                    }
                    final String previous = owners.putIfAbsent(name, group.name());
                    if (previous != null)
                    {
                        throw new IllegalArgumentException(owner + ": view '" + name + "' is in group '" + previous +
                            "' and in group '" + group.name() + "'");
                    }
                    views.add(arena.view(name));
                }
                members.add(views);
            }
            final List<ParameterView> rest = new ArrayList<>();
            for (final ParameterView v : arena.views())
            {
                if (!owners.containsKey(v.name()))
                {
                    rest.add(v);
                }
            }
            if (!rest.isEmpty())
            {
                members.add(rest);
            }
            if (members.isEmpty())
            {
                throw new IllegalArgumentException(owner + ": arena has no views");
            }
            return members;
        }
    }
}
