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
        if (total <= warmup)
        {
            throw new IllegalArgumentException("total must be > warmup (" + warmup + "), got " + total);
        }
    }

    static final class Linear implements LrSchedule
    {
        private final long warmup;
        private final long total;

        Linear(final long warmup, final long total)
        {
            this.warmup = warmup;
            this.total = total;
        }

        @Override
        public double lr(final double baseLr, final long step)
        {
            if (step <= warmup)
            {
                return baseLr * step / warmup;
            }
            if (step >= total)
            {
                return 0.0;
            }
            return baseLr - baseLr * (step - warmup) / (total - warmup);
        }

        @Override
        public String toString()
        {
            return "linearWarmupDecay(warmup=" + warmup + ", total=" + total + ")";
        }
    }

    static final class Cosine implements LrSchedule
    {
        private final long warmup;
        private final long total;

        Cosine(final long warmup, final long total)
        {
            this.warmup = warmup;
            this.total = total;
        }

        @Override
        public double lr(final double baseLr, final long step)
        {
            if (step <= warmup)
            {
                return baseLr * step / warmup;
            }
            if (step >= total)
            {
                return 0.0;
            }
            final double progress = (double) (step - warmup) / (total - warmup);
            return baseLr * 0.5 * (1.0 + StrictMath.cos(Math.PI * progress));
        }

        @Override
        public String toString()
        {
            return "cosineWarmup(warmup=" + warmup + ", total=" + total + ")";
        }
    }
}
