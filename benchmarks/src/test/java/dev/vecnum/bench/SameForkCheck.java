package dev.vecnum.bench;

/**
 * One same-fork gate metric: a vecnum kernel and the in-run reference it is read against, both taken from the suite's
 * own benchmark classes so the gate times exactly the code the full suite does. {@link SameForkBenchmark} runs the
 * two alternately in one fork; the metric is (reference time per unit of work) / (kernel time per unit of work).
 *
 * <p>Metric names (the {@code check} parameter, also the gate baseline's names):
 * <ul>
 *   <li>{@code gemm.<form>.1t.n<N>.of_limit}: {@link GemmSizesBenchmark} form at n×n, one thread, as a fraction of the
 *   Vector API FMA peak ({@link MachineLimitsBenchmark}); {@code gemm.<form>.1t.n<N>.vs_scalar}: over the scalar
 *   reference;</li>
 *   <li>{@code lesson.<kernel>.b<B>.vs_scalar}: a {@link LessonShapesBenchmark} kernel at batch B over its scalar
 *   reference ({@code <kernel>Scalar});</li>
 *   <li>{@code optim.<kind>.n<N>.vs_scalar} / {@code .vs_traffic}: an {@link OptimizerStepBenchmark} step over N
 *   floats against its scalar reference / its same-traffic loop (1.0: as fast as the memory traffic allows).</li>
 * </ul>
 * To add a metric: a case below (if its benchmark class or reference kind is new), its name in
 * {@link SameForkBenchmark}'s {@code check} parameter, and a line in the gate baseline.
 * {@code -Dvecnum.bench.slowdown=Class.method=k} slows the kernel side exactly as it slows that benchmark method.
 */
final class SameForkCheck
{
    /** One timed side. Implementations are method references to the suite's benchmark methods. */
    @FunctionalInterface
    interface Call
    {
        /**
         * Runs the side once.
         *
         * @return its result (consumed by a blackhole)
         */
        Object run();
    }

    final Call kernel;
    final double kernelWork;
    final Call reference;
    final double referenceWork;

    private SameForkCheck(final Call kernel, final double kernelWork, final Call reference,
        final double referenceWork)
    {
        this.kernel = kernel;
        this.kernelWork = kernelWork;
        this.reference = reference;
        this.referenceWork = referenceWork;
    }

    private static SameForkCheck sameWork(final Call kernel, final Call reference)
    {
        return new SameForkCheck(kernel, 1, reference, 1);
    }

    /**
     * Builds the check a metric name describes, with its inputs allocated.
     *
     * @param metric e.g. {@code lesson.matmul.b16.vs_scalar}
     * @return the check
     * @throws IllegalArgumentException naming the metric when it names no known check
     */
    static SameForkCheck of(final String metric)
    {
        final String[] p = metric.split("\\.");
        final String kind = p[p.length - 1];
        try
        {
            switch (p[0] + "/" + p.length)
            {
                case "gemm/5":
                    if (!"1t".equals(p[2]))
                    {
                        break;
                    }
                    return gemm(p[1], number(p[3], "n"), kind);
                case "lesson/4":
                    return lesson(p[1], number(p[2], "b"), kind);
                case "optim/4":
                    return optim(p[1], number(p[2], "n"), kind);
                default:
                    break;
            }
        }
        catch (final IllegalArgumentException e)
        {
            throw new IllegalArgumentException("same-fork check '" + metric + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("same-fork check '" + metric + "': expected gemm.<form>.1t.n<N>.<kind>, " +
            "lesson.<kernel>.b<B>.vs_scalar or optim.<kind>.n<N>.vs_scalar|vs_traffic");
    }

    private static int number(final String part, final String prefix)
    {
        if (!part.startsWith(prefix))
        {
            throw new IllegalArgumentException("expected " + prefix + "<number>, got '" + part + "'");
        }
        return Integer.parseInt(part.substring(prefix.length()));
    }

    private static int repeats(final Class<?> benchmark, final String method)
    {
        return Slowdown.repeats(benchmark.getName() + "." + method);
    }

    private static SameForkCheck gemm(final String form, final int n, final String kind)
    {
        final GemmSizesBenchmark g = new GemmSizesBenchmark();
        final GemmSizesBenchmark.Square s = new GemmSizesBenchmark.Square();
        s.n = n;
        s.prepare(repeats(GemmSizesBenchmark.class, form));
        final Call kernel;
        final Call scalar;
        switch (form)
        {
            case "matmul":
                kernel = () -> g.matmul(s);
                scalar = () -> g.matmulScalar(s);
                break;
            case "matmulTransA":
                kernel = () -> g.matmulTransA(s);
                scalar = () -> g.matmulTransAScalar(s);
                break;
            case "matmulTransB":
                kernel = () -> g.matmulTransB(s);
                scalar = () -> g.matmulTransBScalar(s);
                break;
            default:
                throw new IllegalArgumentException("unknown GEMM form " + form);
        }
        switch (kind)
        {
            case "vs_scalar":
                return sameWork(kernel, scalar);
            case "of_limit":
                final MachineLimitsBenchmark limits = new MachineLimitsBenchmark();
                limits.setup();
                final float[] sink = new float[1];
                return new SameForkCheck(kernel, 2.0 * n * n * n, () ->
                {
                    sink[0] = MachineLimitsBenchmark.fmaBody(limits.seed);
                    return sink;
                }, MachineLimitsBenchmark.FLOP_PER_OP);
            default:
                throw new IllegalArgumentException("unknown GEMM check " + kind);
        }
    }

    private static SameForkCheck lesson(final String kernel, final int batch, final String kind)
    {
        if (!"vs_scalar".equals(kind))
        {
            throw new IllegalArgumentException("lesson checks are vs_scalar, got " + kind);
        }
        final LessonShapesBenchmark l = new LessonShapesBenchmark();
        l.batch = batch;
        l.prepare(repeats(LessonShapesBenchmark.class, kernel));
        switch (kernel)
        {
            case "forward1": return sameWork(l::forward1, l::forward1Scalar);
            case "forward2": return sameWork(l::forward2, l::forward2Scalar);
            case "forward3": return sameWork(l::forward3, l::forward3Scalar);
            case "matmul": return sameWork(l::matmul, l::matmulScalar);
            case "gradW": return sameWork(l::gradW, l::gradWScalar);
            case "gradX": return sameWork(l::gradX, l::gradXScalar);
            case "mask": return sameWork(l::mask, l::maskScalar);
            case "biasGrad": return sameWork(l::biasGrad, l::biasGradScalar);
            case "relu": return sameWork(l::relu, l::reluScalar);
            case "heaviside": return sameWork(l::heaviside, l::heavisideScalar);
            default: throw new IllegalArgumentException("unknown lesson kernel " + kernel);
        }
    }

    private static SameForkCheck optim(final String optimizer, final int floats, final String kind)
    {
        final OptimizerStepBenchmark o = new OptimizerStepBenchmark();
        o.floats = floats;
        o.prepare(repeats(OptimizerStepBenchmark.class, optimizer));
        final boolean scalar;
        switch (kind)
        {
            case "vs_scalar":
                scalar = true;
                break;
            case "vs_traffic":
                scalar = false;
                break;
            default:
                throw new IllegalArgumentException("optimizer checks are vs_scalar or vs_traffic, got " + kind);
        }
        switch (optimizer)
        {
            case "sgd": return sameWork(o::sgd, scalar ? o::sgdScalar : o::sgdTraffic);
            case "momentum": return sameWork(o::momentum, scalar ? o::momentumScalar : o::momentumTraffic);
            case "nesterov": return sameWork(o::nesterov, scalar ? o::nesterovScalar : o::momentumTraffic);
            case "adamw": return sameWork(o::adamw, scalar ? o::adamwScalar : o::adamwTraffic);
            default: throw new IllegalArgumentException("unknown optimizer " + optimizer);
        }
    }
}
