package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import dev.vecnum.core.Optim;
import dev.vecnum.core.kernel.ScalarOptim;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One fused optimizer step over {@code floats} parameters (the static {@link Optim} kernels), against the scalar
 * reference. The report gives Gelem/s and the fraction of the in-run triad bandwidth, counting the bytes each step
 * must move: SGD 12 B/elem (read w, g; write w), momentum/Nesterov 20 (read w, g, v; write w, v), AdamW 28
 * (read w, g, m, v; write w, m, v). Run with {@code -Djmh.prof=gc}: every step allocates 0 B.
 *
 * <p>{@code xxxTraffic} is the same-traffic ceiling of each optimizer: one vectorized pass that reads and writes exactly
 * the arrays the optimizer does, with one add per array instead of the update's arithmetic. An optimizer at the speed
 * of its traffic loop is bound by memory bandwidth at that working set, not by its arithmetic; the report gives each
 * optimizer as a fraction of it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class OptimizerStepBenchmark
{
    private static final ScalarOptim SCALAR = ScalarOptim.INSTANCE;
    private static final float LR = 1e-3f;

    @Param({"1000", "100000", "1000000", "16000000"})
    int floats;

    float[] w;
    float[] g;
    float[] m;
    float[] v;
    int repeats;

    @Setup(Level.Trial)
    public void setup(final BenchmarkParams params)
    {
        prepare(Slowdown.repeats(params.getBenchmark()));
    }

    /** Allocates parameters, gradient and state; the vecnum kernels run {@code kernelRepeats} times per call. */
    void prepare(final int kernelRepeats)
    {
        w = Data.signed(floats, 1);
        g = Data.uniform(floats, -1e-3f, 1e-3f, 2);
        m = new float[floats];
        v = new float[floats];
        repeats = kernelRepeats;
    }

    /** SGD: w -= lr·g. */
    @Benchmark
    public float[] sgd()
    {
        for (int r = 0; r < repeats; r++)
        {
            Optim.sgd(w, g, 0, floats, LR);
        }
        return w;
    }

    /** Scalar reference of {@link #sgd()}. */
    @Benchmark
    public float[] sgdScalar()
    {
        SCALAR.sgd(w, g, 0, floats, LR);
        return w;
    }

    /** Momentum 0.9 (torch form). */
    @Benchmark
    public float[] momentum()
    {
        for (int r = 0; r < repeats; r++)
        {
            Optim.momentum(w, g, m, 0, floats, LR, 0.9f, false);
        }
        return w;
    }

    /** Scalar reference of {@link #momentum()}. */
    @Benchmark
    public float[] momentumScalar()
    {
        SCALAR.momentum(w, g, m, 0, floats, LR, 0.9f, false);
        return w;
    }

    /** Nesterov momentum 0.9. */
    @Benchmark
    public float[] nesterov()
    {
        for (int r = 0; r < repeats; r++)
        {
            Optim.momentum(w, g, m, 0, floats, LR, 0.9f, true);
        }
        return w;
    }

    /** Scalar reference of {@link #nesterov()}. */
    @Benchmark
    public float[] nesterovScalar()
    {
        SCALAR.momentum(w, g, m, 0, floats, LR, 0.9f, true);
        return w;
    }

    /** Same traffic as {@link #sgd()}: w += g. */
    @Benchmark
    public float[] sgdTraffic()
    {
        SameTraffic.pass(w, g, m, v, floats, 0);
        return w;
    }

    /** Same traffic as {@link #momentum()}: w += g, velocity += g. */
    @Benchmark
    public float[] momentumTraffic()
    {
        SameTraffic.pass(w, g, m, v, floats, 1);
        return w;
    }

    /** Same traffic as {@link #adamw()}: w += g, m += g, v += g. */
    @Benchmark
    public float[] adamwTraffic()
    {
        SameTraffic.pass(w, g, m, v, floats, 2);
        return w;
    }

    /** AdamW (β 0.9/0.999, ε 1e-8, weight decay 0.01) at a fixed step. */
    @Benchmark
    public float[] adamw()
    {
        for (int r = 0; r < repeats; r++)
        {
            Optim.adamw(w, g, m, v, 0, floats, LR, 0.9f, 0.999f, 1e-8f, 0.01f, 10);
        }
        return w;
    }

    /** Scalar reference of {@link #adamw()}. */
    @Benchmark
    public float[] adamwScalar()
    {
        SCALAR.adamw(w, g, m, v, 0, floats, LR, 0.9f, 0.999f, 1e-8f, 0.01f, 10);
        return w;
    }
}
