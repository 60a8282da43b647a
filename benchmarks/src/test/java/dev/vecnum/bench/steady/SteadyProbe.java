package dev.vecnum.bench.steady;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.vecnum.core.Activations;
import dev.vecnum.core.Matmul;
import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.lesson.LessonRun;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.Loss;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.data.Dataset;
import dev.vecnum.nn.train.ParamOptimizer;
import dev.vecnum.nn.train.TrainingStep;

/**
 * What one fresh JVM does for the stability campaign ({@link SteadyCampaign} starts many): times each shape from its
 * first call, the way a program that has just started calls it. Usage: {@code SteadyProbe <section>[,<section>…]}
 * with sections
 * <ul>
 *   <li>{@code lesson}: for batch 1, 4, 16, 64, 256, 1024 in that order, the lesson's kernels (fused forward b×3·3×10
 *   and b×10·10×10 with bias and ReLU, plain b×10·10×10, Xᵀ·G, G·Wᵀ, Heaviside masking), each called for
 *   {@value #WINDOW_MS} ms: the best call of that window (the "first 0.5 s of hot calls");</li>
 *   <li>{@code train}: the lesson's AdamW training step (as {@code TrainStepBenchmark.step}) at batch 1, 4, 16, 64,
 *   100, 256, 1024: the best step of its first {@value #WINDOW_MS} ms, then the bytes allocated per step and the
 *   steps per second over the next {@value #WINDOW_MS} ms;</li>
 *   <li>{@code gemm2t}: {@code Matmul.matmul} at n = 512 and 1024 on the worker pool (run with
 *   {@code -Dvecnum.threads=2}): after 1 s of calls, the median call of the next 1.5 s in GFLOP/s (a JVM in the
 *   two-thread slow mode stays slow for its life).</li>
 * </ul>
 * One result per line on stdout: {@code RESULT section shape bestNs calls allocBytesPerCall rate} (tab-separated).
 * A best time is the best per-call average of a group of calls (groups grow until they take 2 µs, so the timer's
 * resolution does not matter).
 */
public final class SteadyProbe
{
    /** Hot-call window per shape, as in the issue. */
    static final int WINDOW_MS = 500;
    /** Lesson batch sizes, in the order they are first called. */
    static final int[] LESSON_BATCHES = {1, 4, 16, 64, 256, 1024};
    /** Training-step batch sizes. */
    static final int[] TRAIN_BATCHES = {1, 4, 16, 64, 100, 256, 1024};
    /** Two-thread GEMM sizes. */
    static final int[] GEMM_SIZES = {512, 1024};

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int HIDDEN = 10;

    private SteadyProbe()
    {
    }

    /**
     * Runs the named sections.
     *
     * @param args one comma-separated list of sections
     */
    public static void main(final String[] args)
    {
        if (args.length != 1)
        {
            System.err.println("usage: SteadyProbe lesson|train|gemm2t[,…]");
            System.exit(2);
        }
        for (final String section : args[0].split(","))
        {
            switch (section)
            {
                case "lesson":
                    lesson();
                    break;
                case "train":
                    train();
                    break;
                case "gemm2t":
                    gemm2t();
                    break;
                default:
                    System.err.println("SteadyProbe: unknown section " + section);
                    System.exit(2);
            }
        }
    }

    /** One timed kernel call. */
    private interface Call
    {
        void run();
    }

    /** The lesson's kernels at each batch size, batch by batch, each for one window. */
    private static void lesson()
    {
        for (final int b : LESSON_BATCHES)
        {
            final float[] x = signed(b * 3, 1);
            final float[] w1 = signed(3 * HIDDEN, 2);
            final float[] b1 = signed(HIDDEN, 3);
            final float[] h1 = signed(b * HIDDEN, 4);
            final float[] w2 = signed(HIDDEN * HIDDEN, 5);
            final float[] b2 = signed(HIDDEN, 6);
            final float[] h2 = new float[b * HIDDEN];
            final float[] g = signed(b * HIDDEN, 9);
            final float[] grad = signed(b * HIDDEN, 10);
            final float[] gradW = new float[HIDDEN * HIDDEN];
            final float[] gradX = new float[b * HIDDEN];
            final float[] act = signed(b * HIDDEN, 11);
            for (int i = 0; i < act.length; i++)
            {
                act[i] = Math.max(act[i], 0f);
            }
            report("lesson", "forward1.b" + b,
                window(() -> Matmul.matmulBiasRelu(x, 0, w1, 0, b1, 0, h1, 0, b, 3, HIDDEN)));
            report("lesson", "forward2.b" + b,
                window(() -> Matmul.matmulBiasRelu(h1, 0, w2, 0, b2, 0, h2, 0, b, HIDDEN, HIDDEN)));
            report("lesson", "matmul.b" + b, window(() -> Matmul.matmul(h1, w2, h2, b, HIDDEN, HIDDEN)));
            report("lesson", "gradW.b" + b, window(() -> Matmul.matmulTransA(h1, g, gradW, HIDDEN, b, HIDDEN)));
            report("lesson", "gradX.b" + b, window(() -> Matmul.matmulTransB(g, w2, gradX, b, HIDDEN, HIDDEN)));
            report("lesson", "mask.b" + b, window(() -> Activations.reluBackward(grad, act, 0, grad.length)));
        }
    }

    /** The training step at each batch size: first-window best, then allocation and rate in the next window. */
    private static void train()
    {
        final Dataset data = BundledData.lessonSplit().train();
        for (final int b : TRAIN_BATCHES)
        {
            // the lesson's AdamW run, built as TrainStepBenchmark builds it (nn's shared training step)
            final Mlp mlp = new Mlp(new int[] {data.features(), LessonRun.HIDDEN[0], LessonRun.HIDDEN[1],
                data.targets()}, b);
            Init.LESSON.apply(mlp, 0);
            final TrainingStep<float[]> training =
                new TrainingStep<>(mlp, Loss.MSE, new ParamOptimizer(LessonRun.ADAMW.config(), mlp));
            final int[] from = {0};
            final Call step = () ->
            {
                if (from[0] + b > data.rows())
                {
                    from[0] = 0;
                }
                training.step(data.x(), from[0] * data.features(), data.y(), from[0] * data.targets(), b);
                from[0] += b;
            };
            final double[] first = window(step);
            final double[] next = window(step);
            report("train", "step.b" + b, new double[] {first[0], next[1], next[2], next[1] / (WINDOW_MS / 1e3)});
        }
    }

    /** Two-thread GEMM: the median call after one second, per size. */
    private static void gemm2t()
    {
        for (final int n : GEMM_SIZES)
        {
            final float[] a = signed(n * n, 21);
            final float[] b = signed(n * n, 22);
            final float[] c = new float[n * n];
            final long warmEnd = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warmEnd)
            {
                Matmul.matmul(a, b, c, n, n, n);
            }
            final List<Long> times = new ArrayList<>();
            final long end = System.nanoTime() + 1_500_000_000L;
            long t0;
            while ((t0 = System.nanoTime()) < end)
            {
                Matmul.matmul(a, b, c, n, n, n);
                times.add(System.nanoTime() - t0);
            }
            final long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            final double median = sorted[sorted.length / 2];
            final double gflops = 2.0 * n * n * n / median;
            report("gemm2t", "matmul.n" + n, new double[] {sorted[0], sorted.length, 0, gflops});
        }
    }

    /**
     * Calls {@code call} for one window from its first call.
     *
     * @return best ns per call, calls, bytes allocated per call, 0
     */
    private static double[] window(final Call call)
    {
        final long tid = Thread.currentThread().getId();
        final long allocBefore = THREADS.getThreadAllocatedBytes(tid);
        final long end = System.nanoTime() + WINDOW_MS * 1_000_000L;
        double best = Double.MAX_VALUE;
        long calls = 0;
        int group = 1;
        long t0;
        while ((t0 = System.nanoTime()) < end)
        {
            for (int i = 0; i < group; i++)
            {
                call.run();
            }
            final long elapsed = System.nanoTime() - t0;
            calls += group;
            best = Math.min(best, (double) elapsed / group);
            if (elapsed < 2_000 && group < 1 << 20)
            {
                group *= 2;
            }
        }
        final long alloc = THREADS.getThreadAllocatedBytes(tid) - allocBefore;
        return new double[] {best, calls, (double) alloc / calls, 0};
    }

    private static void report(final String section, final String shape, final double[] r)
    {
        System.out.println(String.format(Locale.ROOT, "RESULT\t%s\t%s\t%.3f\t%.0f\t%.3f\t%.3f", section, shape, r[0],
            r[1], r[2], r[3]));
    }

    private static float[] signed(final int n, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final float[] x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }
}
