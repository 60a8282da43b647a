package dev.vecnum.nn.train;

/**
 * Learning rate per 1-based step t (the step counter counts batches across epochs). Immutable and thread-safe.
 *
 * <ul>
 * <li>constant: lr</li>
 * <li>linear (the lesson's): lr·t/warmup for t ≤ warmup, then lr − lr·(t − warmup)/(total − warmup), clamped at 0
 * after {@code total}</li>
 * <li>cosine: the same warmup, then lr·(1 + cos(π·(t − warmup)/(total − warmup)))/2, 0 after {@code total}</li>
 * </ul>
 *
 * @param kind   the schedule's shape
 * @param lr     peak learning rate
 * @param warmup warmup steps (0 = none)
 * @param total  total steps, &gt; 0 for linear and cosine (≤ warmup: a short run that only warms up)
 */
public record LrSchedule(Kind kind, double lr, int warmup, int total)
{
    /** The schedule's shape. */
    public enum Kind
    {
        /** lr at every step. */
        CONSTANT,
        /** Linear warmup, then linear decay to 0 at {@code total}. */
        LINEAR,
        /** Linear warmup, then half a cosine down to 0 at {@code total}. */
        COSINE
    }

    /**
     * @param step 1-based step
     * @return the learning rate for that step (computed by core's schedule, the one the optimizer uses)
     */
    public double at(final long step)
    {
        return toCore().lr(lr, step);
    }

    /**
     * The core schedule the optimizer runs (a function of the base rate and the step).
     *
     * @return the schedule
     */
    public dev.vecnum.core.optim.LrSchedule toCore()
    {
        return switch (kind)
        {
            case CONSTANT -> dev.vecnum.core.optim.LrSchedule.constant();
            case LINEAR -> dev.vecnum.core.optim.LrSchedule.linearWarmupDecay(warmup, total);
            case COSINE -> dev.vecnum.core.optim.LrSchedule.cosineWarmup(warmup, total);
        };
    }
}
