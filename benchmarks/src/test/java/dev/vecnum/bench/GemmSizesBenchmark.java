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
 * reference; and the three products of a real dense layer ({@link Layer}: 784→256 at batch 32, 128, 512). FLOP per op
 * = 2·n³ (2·batch·784·256 for the layer); the report turns ops/s into GFLOP/s and a fraction of the in-run FMA peak.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
public class GemmSizesBenchmark
{
    private static final String TWO_THREADS = "-Dvecnum.threads=2";

    /** Square operands n×n (its own state, so that the layer benchmarks are not also expanded over n). */
    @State(Scope.Thread)
    public static class Square
    {
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
    }

    /**
     * The three products of a 784→256 dense layer at a batch size, each 2·batch·784·256 FLOP: forward X·W
     * (batch×784·784×256, {@code matmul}), weight gradient Xᵀ·G (784×batch·batch×256, {@code matmulTransA}) and input
     * gradient G·Wᵀ (batch×256·256×784, {@code matmulTransB}).
     */
    @State(Scope.Thread)
    public static class Layer
    {
        /** Layer inputs (Fashion-MNIST pixels). */
        static final int IN = 784;
        /** Layer outputs. */
        static final int OUT = 256;

        @Param({"32", "128", "512"})
        int batch;

        @Param({"forward", "gradW", "gradX"})
        String product;

        float[] x;
        float[] w;
        float[] g;
        float[] c;

        @Setup(Level.Trial)
        public void setup()
        {
            x = Data.signed(batch * IN, 3);
            w = Data.signed(IN * OUT, 4);
            g = Data.signed(batch * OUT, 5);
            c = new float[Math.max(IN * OUT, batch * IN)];
        }

        float[] run()
        {
            switch (product)
            {
                case "forward":
                    Matmul.matmul(x, w, c, batch, IN, OUT);
                    break;
                case "gradW":
                    Matmul.matmulTransA(x, g, c, IN, batch, OUT);
                    break;
                default:
                    Matmul.matmulTransB(g, w, c, batch, OUT, IN);
                    break;
            }
            return c;
        }
    }

    /**
     * One dense-layer product, one thread.
     *
     * @param layer shape and operands
     * @return C
     */
    @Benchmark
    public float[] layer(final Layer layer)
    {
        return layer.run();
    }

    /**
     * One dense-layer product, two threads.
     *
     * @param layer shape and operands
     * @return C
     */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] layer2t(final Layer layer)
    {
        return layer.run();
    }

    /** C = A·B, one thread. */
    @Benchmark
    public float[] matmul(final Square s)
    {
        for (int r = 0; r < s.repeats; r++)
        {
            Matmul.matmul(s.a, s.b, s.c, s.n, s.n, s.n);
        }
        return s.c;
    }

    /** C = Aᵀ·B, one thread. */
    @Benchmark
    public float[] matmulTransA(final Square s)
    {
        for (int r = 0; r < s.repeats; r++)
        {
            Matmul.matmulTransA(s.a, s.b, s.c, s.n, s.n, s.n);
        }
        return s.c;
    }

    /** C = A·Bᵀ, one thread. */
    @Benchmark
    public float[] matmulTransB(final Square s)
    {
        for (int r = 0; r < s.repeats; r++)
        {
            Matmul.matmulTransB(s.a, s.b, s.c, s.n, s.n, s.n);
        }
        return s.c;
    }

    /** C = A·B, two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] matmul2t(final Square s)
    {
        return matmul(s);
    }

    /** C = Aᵀ·B, two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] matmulTransA2t(final Square s)
    {
        return matmulTransA(s);
    }

    /** C = A·Bᵀ, two threads. */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", TWO_THREADS})
    public float[] matmulTransB2t(final Square s)
    {
        return matmulTransB(s);
    }

    /** Scalar reference C = A·B (peer). */
    @Benchmark
    public float[] matmulScalar(final Square s)
    {
        ScalarGemm.INSTANCE.matmul(s.a, 0, s.b, 0, s.c, 0, s.n, s.n, s.n, false);
        return s.c;
    }

    /** Scalar reference C = Aᵀ·B (peer). */
    @Benchmark
    public float[] matmulTransAScalar(final Square s)
    {
        ScalarGemm.INSTANCE.matmulTransA(s.a, 0, s.b, 0, s.c, 0, s.n, s.n, s.n, false);
        return s.c;
    }

    /** Scalar reference C = A·Bᵀ (peer). */
    @Benchmark
    public float[] matmulTransBScalar(final Square s)
    {
        ScalarGemm.INSTANCE.matmulTransB(s.a, 0, s.b, 0, s.c, 0, s.n, s.n, s.n, false);
        return s.c;
    }
}
