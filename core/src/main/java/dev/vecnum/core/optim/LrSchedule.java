package dev.vecnum.core.optim;

/**
 * Learning rate at a 1-based step t, as a function of a group's base learning rate; evaluated once per group per
 * {@link Optimizer#step()} (the first step is t = 1). Implementations must be pure functions of their arguments, so
 * that the step counter alone is the schedule's position (what {@link Optimizer#saveState()} stores).
 *
 * <p>Built-in schedules compute in double, as the lesson's Python does, and the optimizer rounds the result to float
 * for the kernels once per step.
 */
@FunctionalInterface
public interface LrSchedule
{
    /**
     * @param baseLr the group's base learning rate
     * @param step   1-based step t
     * @return the learning rate for step t, finite and ≥ 0
     */
    double lr(double baseLr, long step);

    /**
     * lr at every step.
     *
     * @return the constant schedule
     */
    static LrSchedule constant()
    {
        return Schedules.CONSTANT;
    }

    /**
     * The lesson's schedule: lr·t/warmup for t ≤ warmup, then lr − lr·(t − warmup)/(total − warmup), evaluated in that
     * order in double; 0 from step {@code total} on (the formula would go negative). With total ≤ warmup (a short run
     * of a long schedule) the rate only warms up: the decay is never reached, and steps after the warmup get 0.
     *
     * @param warmup warmup steps, ≥ 0 (0 = start at lr and decay)
     * @param total  step at which lr reaches 0, &gt; 0
     * @return the schedule
     */
    static LrSchedule linearWarmupDecay(final long warmup, final long total)
    {
        Schedules.check(warmup, total);
        return new Schedules.Linear(warmup, total);
    }

    /**
     * lr·t/warmup for t ≤ warmup, then lr·(1 + cos(π·(t − warmup)/(total − warmup)))/2 (with {@link StrictMath#cos}),
     * 0 from step {@code total} on; with total ≤ warmup the rate only warms up, as for
     * {@link #linearWarmupDecay(long, long)}.
     *
     * @param warmup warmup steps, ≥ 0
     * @param total  step at which lr reaches 0, &gt; 0
     * @return the schedule
     */
    static LrSchedule cosineWarmup(final long warmup, final long total)
    {
        Schedules.check(warmup, total);
        return new Schedules.Cosine(warmup, total);
    }
}
