package dev.vecnum.bench;

/**
 * The gate's self-test switch: {@code -Dvecnum.bench.slowdown=LessonShapesBenchmark.matmul=3,OptimizerStepBenchmark.adamw=2}
 * makes the named benchmark methods call their kernel that many times per operation, so the measured ratio drops by
 * that factor and the regression gate must fail. Unset, {@code none} or empty: every factor is 1.
 */
public final class Slowdown
{
    /** System property holding the slowdown spec. */
    public static final String PROPERTY = "vecnum.bench.slowdown";

    private Slowdown()
    {
    }

    /**
     * Repeat count for one benchmark.
     *
     * @param benchmark JMH's full benchmark name, {@code package.Class.method}
     * @return how many times the kernel runs per operation (1 unless the spec names this benchmark)
     */
    public static int repeats(final String benchmark)
    {
        return repeats(System.getProperty(PROPERTY, "none"), benchmark);
    }

    static int repeats(final String spec, final String benchmark)
    {
        if (spec == null || spec.isBlank() || "none".equals(spec.trim()))
        {
            return 1;
        }
        for (final String entry : spec.split(","))
        {
            final int eq = entry.lastIndexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException(PROPERTY + ": expected Class.method=factor, got '" + entry + "'");
            }
            final String name = entry.substring(0, eq).trim();
            if (benchmark.equals(name) || benchmark.endsWith("." + name))
            {
                final int factor = Integer.parseInt(entry.substring(eq + 1).trim());
                if (factor < 1)
                {
                    throw new IllegalArgumentException(PROPERTY + ": factor must be >= 1 in '" + entry + "'");
                }
                System.out.println("vecnum.bench.slowdown: " + benchmark + " runs its kernel " + factor + "x per op");
                return factor;
            }
        }
        return 1;
    }
}
