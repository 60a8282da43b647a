package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import dev.vecnum.core.Matmul;
import dev.vecnum.core.kernel.ScalarGemm;
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
 * Square GEMM n×n·n×n through the public API for the three forms (C = A·B, Aᵀ·B, A·Bᵀ), on one worker thread
 * ({@code -Dvecnum.threads=1}) and two ({@code *2t} methods fork with {@code -Dvecnum.threads=2}), against the scalar
 * reference. FLOP per op = 2·n³; the report turns ops/s into GFLOP/s and a fraction of the in-run FMA peak.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class GemmSizesBenchmark
{
    private static final String TWO_THREADS = "-Dvecnum.threads=2";

    @Param({"64", "128", "256", "512", "1024"})
    int n;

    float[] a;
    float[] b;
    float[] c;
    int repeats;

    @Setup(Level.Trial)
    public void setup(final BenchmarkParams params)
    {
        prepare(Slowdown.repeats(params.getBenchmark()));
    }

    /** Allocates the n×n operands; the vecnum kernels run {@code kernelRepeats} times per call. */
    void prepare(final int kernelRepeats)
    {
        a = Data.signed(n * n, 1);
        b = Data.signed(n * n, 2);
        c = new float[n * n];
        repeats = kernelRepeats;
    }

    /** C = A·B, one thread. */
    @Benchmark
    public float[] matmul()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmul(a, b, c, n, n, n);
        }
        return c;
    }

    /** C = Aᵀ·B, one thread. */
    @Benchmark
    public float[] matmulTransA()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulTransA(a, b, c, n, n, n);
        }
        return c;
    }

    /** C = A·Bᵀ, one thread. */
    @Benchmark
    public float[] matmulTransB()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulTransB(a, b, c, n, n, n);
        }
        return c;
    }

    /** C = A·B, two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] matmul2t()
    {
        return matmul();
    }

    /** C = Aᵀ·B, two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] matmulTransA2t()
    {
        return matmulTransA();
    }

    /** C = A·Bᵀ, two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] matmulTransB2t()
    {
        return matmulTransB();
    }

    /** Scalar reference C = A·B (peer). */
    @Benchmark
    public float[] matmulScalar()
    {
        ScalarGemm.INSTANCE.matmul(a, 0, b, 0, c, 0, n, n, n, false);
        return c;
    }

    /** Scalar reference C = Aᵀ·B (peer). */
    @Benchmark
    public float[] matmulTransAScalar()
    {
        ScalarGemm.INSTANCE.matmulTransA(a, 0, b, 0, c, 0, n, n, n, false);
        return c;
    }

    /** Scalar reference C = A·Bᵀ (peer). */
    @Benchmark
    public float[] matmulTransBScalar()
    {
        ScalarGemm.INSTANCE.matmulTransB(a, 0, b, 0, c, 0, n, n, n, false);
        return c;
    }
}
