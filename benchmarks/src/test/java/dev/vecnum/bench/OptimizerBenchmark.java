package dev.vecnum.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.vecnum.core.optim.AdamW;
import dev.vecnum.core.optim.Momentum;
import dev.vecnum.core.optim.NonFinitePolicy;
import dev.vecnum.core.optim.ParameterArena;
import dev.vecnum.core.optim.Sgd;
import dev.vecnum.core.parallel.WorkerPool;

/**
 * One optimizer step over an arena of {@code size} floats ({@code Optimizer.step()}: one fused pass), beside a
 * Vector API stream triad a = b + s·c over three arrays of the same size, so every result reads as a fraction of the
 * memory bandwidth measured in the same run.
 *
 * <p>Bytes per element, STREAM convention (reads + writes, no write-allocate): triad 12, SGD 12 (w, g read; w
 * written), momentum 20 (+ velocity read and written), AdamW 28 (+ m and v read and written). Fraction of bandwidth
 * = (bytes/element × elements/s) / (12 × triad elements/s). Run with {@code -prof gc} to see the allocation per
 * step (gc.alloc.rate.norm); at large sizes the few operations per iteration make JMH's own per-iteration
 * allocations show up there too (compare the triad, which allocates nothing), so read it at size 1000.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class OptimizerBenchmark
{
    /** Floats in the arena (and in each triad array). */
    @Param({"1000", "1000000", "16000000"})
    int size;

    /** Participants of the worker pool (1 = the caller only); the triad is split the same way. */
    @Param({"1", "2"})
    int threads;

    private WorkerPool pool;
    private final TriadTask triadTask = new TriadTask();

    private float[] a;
    private float[] b;
    private float[] c;
    private Sgd sgd;
    private Momentum momentum;
    private AdamW adamw;
    private AdamW adamwGuarded;

    @Setup
    public void setup()
    {
        final Random rnd = new Random(42);
        pool = new WorkerPool(threads);
        a = new float[size];
        b = random(rnd, size);
        c = random(rnd, size);
        sgd = Sgd.builder(arena(rnd)).lr(1e-6).workers(pool).build();
        momentum = Momentum.builder(arena(rnd)).lr(1e-6).momentum(0.9).workers(pool).build();
        adamw = AdamW.builder(arena(rnd)).lr(1e-6).weightDecay(0.01).workers(pool).build();
        adamwGuarded = AdamW.builder(arena(rnd)).lr(1e-6).weightDecay(0.01).workers(pool)
            .clipGradNorm(1.0).nonFiniteGradients(NonFinitePolicy.THROW).build();
        triadTask.a = a;
        triadTask.b = b;
        triadTask.c = c;
    }

    @TearDown
    public void tearDown()
    {
        pool.close();
    }

    private ParameterArena arena(final Random rnd)
    {
        final ParameterArena arena = ParameterArena.builder().vector("p", size).build();
        System.arraycopy(random(rnd, size), 0, arena.params(), 0, size);
        System.arraycopy(random(rnd, size), 0, arena.grads(), 0, size);
        return arena;
    }

    private static float[] random(final Random rnd, final int n)
    {
        final float[] x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    /** STREAM triad a = b + 3·c, vectorized, split like the optimizers: the in-run bandwidth reference. */
    @Benchmark
    public float[] triad()
    {
        if (threads == 1 || size < dev.vecnum.core.optim.Optimizer.DEFAULT_PARALLEL_THRESHOLD)
        {
            MachineLimitsBenchmark.triadRange(a, b, c, 3f, 0, size);
        }
        else
        {
            pool.execute(triadTask, threads);
        }
        return a;
    }

    /** One piece of the triad per task. */
    private static final class TriadTask implements WorkerPool.Task
    {
        float[] a;
        float[] b;
        float[] c;

        @Override
        public void run(final int taskIndex, final int taskCount)
        {
            final int n = a.length;
            MachineLimitsBenchmark.triadRange(a, b, c, 3f, WorkerPool.partitionStart(taskIndex, taskCount, n),
                WorkerPool.partitionStart(taskIndex + 1, taskCount, n));
        }
    }

    /** One SGD step over the arena. */
    @Benchmark
    public boolean sgd()
    {
        return sgd.step();
    }

    /** One momentum step over the arena. */
    @Benchmark
    public boolean momentum()
    {
        return momentum.step();
    }

    /** One AdamW step over the arena. */
    @Benchmark
    public boolean adamw()
    {
        return adamw.step();
    }

    /**
     * One AdamW step with global-norm clipping and the THROW guard: one more read pass over the gradients (the first
     * step also scales them; afterwards their norm is within bounds).
     */
    @Benchmark
    public boolean adamwClipped()
    {
        return adamwGuarded.step();
    }

    /**
     * Runs this benchmark class.
     *
     * @param args ignored
     * @throws RunnerException from JMH
     */
    public static void main(final String[] args) throws RunnerException
    {
        new Runner(new OptionsBuilder().include(OptimizerBenchmark.class.getSimpleName()).build()).run();
    }
}
