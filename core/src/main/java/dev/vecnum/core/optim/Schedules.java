package dev.vecnum.core.optim;

/**
 * The built-in {@link LrSchedule}s.
 */
final class Schedules
{
    static final LrSchedule CONSTANT = new LrSchedule()
    {
        @Override
        public double lr(final double baseLr, final long step)
        {
            return baseLr;
        }

        @Override
        public String toString()
        {
            return "constant";
        }
    };

    private Schedules()
    {
    }

    static void check(final long warmup, final long total)
    {
        if (warmup < 0)
        {
            throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        }
        // a total within the warmup is a short run of a long schedule: the rate only warms up (as in the lesson and
        // the usual warmup-then-decay helpers); only a run without steps is refused
        if (total <= 0)
        {
            throw new IllegalArgumentException("total must be > 0, got " + total);
        }
    }

    /** Linear warmup lr·t/warmup for t ≤ warmup, then {@link #decay} of the progress through (warmup, total). */
    abstract static class WarmupThenDecay implements LrSchedule
    {
        private final long warmup;
        private final long total;
        private final String name;

        WarmupThenDecay(final String name, final long warmup, final long total)
        {
            this.name = name;
            this.warmup = warmup;
            this.total = total;
        }

        @Override
        public final double lr(final double baseLr, final long step)
        {
            if (step <= warmup)
            {
                return baseLr * step / warmup;
            }
            if (step >= total)
            {
                return 0.0;
            }
            return decay(baseLr, step - warmup, total - warmup);
        }

        /** The lr {@code done} steps after warmup, of {@code span} decay steps in all (0 ≤ done &lt; span). */
        abstract double decay(double baseLr, long done, long span);

        @Override
        public String toString()
        {
            return name + "(warmup=" + warmup + ", total=" + total + ")";
        }
    }

    static final class Linear extends WarmupThenDecay
    {
        Linear(final long warmup, final long total)
        {
            super("linearWarmupDecay", warmup, total);
        }

        @Override
        double decay(final double baseLr, final long done, final long span)
        {
            // the lesson's form, kept literally: lr − lr·(t − warmup)/(total − warmup)
            return baseLr - baseLr * done / span;
        }
    }

    static final class Cosine extends WarmupThenDecay
    {
        Cosine(final long warmup, final long total)
        {
            super("cosineWarmup", warmup, total);
        }

        @Override
        double decay(final double baseLr, final long done, final long span)
        {
            return baseLr * 0.5 * (1.0 + StrictMath.cos(Math.PI * ((double) done / span)));
        }
    }
}
