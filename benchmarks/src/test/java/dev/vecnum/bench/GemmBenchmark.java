package dev.vecnum.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.vecnum.core.Matmul;
import dev.vecnum.core.kernel.gemm.BlockedGemm;
import dev.vecnum.core.parallel.WorkerPool;

/**
 * GEMM tuning benchmarks (self-contained; read together with {@link PeakBenchmark} from the same run).
 * <ul>
 *   <li>{@code square}: n×n·n×n for the three forms with an explicit pool of 1 or 2 threads; average time per call,
 *       GFLOP/s = 2n³ / time.</li>
 *   <li>{@code lesson*}: the training loop's shapes through the public {@link Matmul} API (argument checks included)
 *       per batch size b, ns per call.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark
{
    /** Square GEMM state: size, form (ab, atb, abt) and participant count. */
    @State(Scope.Benchmark)
    public static class Square
    {
        @Param({"256", "512", "1024"})
        int n;
        @Param({"ab", "atb", "abt"})
        String form;
        @Param({"1", "2"})
        int threads;

        float[] a;
        float[] b;
        float[] c;
        WorkerPool pool;
        BlockedGemm gemm;

        /** Allocates operands and the pool outside the measurement. */
        @Setup(Level.Trial)
        public void setUp()
        {
            final Random rnd = new Random(1);
            a = random(rnd, n * n);
            b = random(rnd, n * n);
            c = new float[n * n];
            pool = new WorkerPool(threads);
            gemm = new BlockedGemm(pool);
        }

        /** Stops the pool's workers. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            pool.close();
        }
    }

    /** Lesson-shape state: batch size b and preallocated operands for every lesson shape. */
    @State(Scope.Thread)
    public static class Lesson
    {
        @Param({"1", "4", "16", "64", "256", "1024", "4096"})
        int batch;

        float[] x3;
        float[] x10;
        float[] w3x10;
        float[] w10x10;
        float[] w10x1;
        float[] bias10;
        float[] out10;
        float[] out1;
        float[] g10;
        float[] grad3x10;
        float[] grad10x10;

        /** Allocates operands outside the measurement. */
        @Setup(Level.Trial)
        public void setUp()
        {
            final Random rnd = new Random(2);
            x3 = random(rnd, batch * 3);
            x10 = random(rnd, batch * 10);
            w3x10 = random(rnd, 30);
            w10x10 = random(rnd, 100);
            w10x1 = random(rnd, 10);
            bias10 = random(rnd, 10);
            out10 = new float[batch * 10];
            out1 = new float[batch];
            g10 = random(rnd, batch * 10);
            grad3x10 = new float[30];
            grad10x10 = new float[100];
        }
    }

    static float[] random(final Random rnd, final int len)
    {
        final float[] x = new float[len];
        for (int i = 0; i < len; i++)
        {
            x[i] = rnd.nextFloat() * 2f - 1f;
        }
        return x;
    }

    /**
     * n×n GEMM in the selected form.
     *
     * @param s state
     * @return C
     */
    @Benchmark
    public float[] square(final Square s)
    {
        final int n = s.n;
        switch (s.form)
        {
            case "ab" -> s.gemm.matmul(s.a, 0, s.b, 0, s.c, 0, n, n, n, false);
            case "atb" -> s.gemm.matmulTransA(s.a, 0, s.b, 0, s.c, 0, n, n, n, false);
            default -> s.gemm.matmulTransB(s.a, 0, s.b, 0, s.c, 0, n, n, n, false);
        }
        return s.c;
    }

    /**
     * Forward, first layer: b×3·3×10.
     *
     * @param s state
     * @return output
     */
    @Benchmark
    public float[] lessonForward3x10(final Lesson s)
    {
        Matmul.matmul(s.x3, s.w3x10, s.out10, s.batch, 3, 10);
        return s.out10;
    }

    /**
     * Forward, hidden layer: b×10·10×10.
     *
     * @param s state
     * @return output
     */
    @Benchmark
    public float[] lessonForward10x10(final Lesson s)
    {
        Matmul.matmul(s.x10, s.w10x10, s.out10, s.batch, 10, 10);
        return s.out10;
    }

    /**
     * Forward, hidden layer with the fused bias + ReLU epilogue: max(b×10·10×10 + bias, 0).
     *
     * @param s state
     * @return output
     */
    @Benchmark
    public float[] lessonForwardBiasRelu10x10(final Lesson s)
    {
        Matmul.matmulBiasRelu(s.x10, 0, s.w10x10, 0, s.bias10, 0, s.out10, 0, s.batch, 10, 10);
        return s.out10;
    }

    /**
     * Forward, output layer: b×10·10×1.
     *
     * @param s state
     * @return output
     */
    @Benchmark
    public float[] lessonForward10x1(final Lesson s)
    {
        Matmul.matmul(s.x10, s.w10x1, s.out1, s.batch, 10, 1);
        return s.out1;
    }

    /**
     * Weight gradient of the first layer: (b×3)ᵀ·(b×10) = 3×10, k = b.
     *
     * @param s state
     * @return gradient
     */
    @Benchmark
    public float[] lessonGradW3x10(final Lesson s)
    {
        Matmul.matmulTransA(s.x3, s.g10, s.grad3x10, 3, s.batch, 10);
        return s.grad3x10;
    }

    /**
     * Weight gradient of the hidden layer: (b×10)ᵀ·(b×10) = 10×10, k = b.
     *
     * @param s state
     * @return gradient
     */
    @Benchmark
    public float[] lessonGradW10x10(final Lesson s)
    {
        Matmul.matmulTransA(s.x10, s.g10, s.grad10x10, 10, s.batch, 10);
        return s.grad10x10;
    }

    /**
     * Input gradient: b×10·(10×10)ᵀ.
     *
     * @param s state
     * @return gradient
     */
    @Benchmark
    public float[] lessonGradInput10x10(final Lesson s)
    {
        Matmul.matmulTransB(s.g10, s.w10x10, s.out10, s.batch, 10, 10);
        return s.out10;
    }
}
