package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import dev.vecnum.core.Activations;
import dev.vecnum.core.Matmul;
import dev.vecnum.core.Reductions;
import dev.vecnum.core.kernel.ScalarElementwise;
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
 * The lesson's 3→10→10→1 layer shapes per batch size, each kernel through the public API and, as {@code xxxScalar},
 * through the scalar reference (the in-run peer):
 * <ul>
 *   <li>{@code forward1/2/3}: fused dense forward b×3·3×10 (+bias, ReLU), b×10·10×10 (+bias, ReLU), b×10·10×1 (+bias);</li>
 *   <li>{@code matmul}: plain b×10·10×10, the shape the numpy reference numbers were taken on;</li>
 *   <li>{@code gradW}: Xᵀ·G (10×b·b×10), {@code gradX}: G·Wᵀ (b×10·10×10ᵀ), {@code mask}: ReLU backward (Heaviside
 *   masking) over b×10, {@code biasGrad}: column mean of G over b rows;</li>
 *   <li>{@code relu} and {@code heaviside} over b×10.</li>
 * </ul>
 * One op is one kernel call; the report gives ns/call and rows (samples)/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class LessonShapesBenchmark
{
    private static final ScalarGemm GEMM = ScalarGemm.INSTANCE;
    private static final ScalarElementwise ELEMENTWISE = ScalarElementwise.INSTANCE;
    private static final int IN = 3;
    private static final int HIDDEN = 10;

    /** Rows per batch; 100 is the non-power of two. */
    @Param({"1", "4", "16", "64", "100", "256", "1024", "4096"})
    int batch;

    float[] x;
    float[] w1;
    float[] b1;
    float[] h1;
    float[] w2;
    float[] b2;
    float[] h2;
    float[] w3;
    float[] b3;
    float[] out;
    float[] g;
    float[] grad;
    float[] gradW;
    float[] gradX;
    float[] gradB;
    float[] act;
    float[] mask;
    int repeats;

    @Setup(Level.Trial)
    public void setup(final BenchmarkParams params)
    {
        prepare(Slowdown.repeats(params.getBenchmark()));
    }

    /** Allocates the inputs for {@link #batch}; the vector kernels run {@code kernelRepeats} times per call. */
    void prepare(final int kernelRepeats)
    {
        x = Data.signed(batch * IN, 1);
        w1 = Data.signed(IN * HIDDEN, 2);
        b1 = Data.signed(HIDDEN, 3);
        h1 = Data.signed(batch * HIDDEN, 4);
        w2 = Data.signed(HIDDEN * HIDDEN, 5);
        b2 = Data.signed(HIDDEN, 6);
        h2 = new float[batch * HIDDEN];
        w3 = Data.signed(HIDDEN, 7);
        b3 = Data.signed(1, 8);
        out = new float[batch];
        g = Data.signed(batch * HIDDEN, 9);
        grad = Data.signed(batch * HIDDEN, 10);
        gradW = new float[HIDDEN * HIDDEN];
        gradX = new float[batch * HIDDEN];
        gradB = new float[HIDDEN];
        // a ReLU output: about half exact zeros
        act = Data.signed(batch * HIDDEN, 11);
        for (int i = 0; i < act.length; i++)
        {
            act[i] = Math.max(act[i], 0f);
        }
        mask = new float[batch * HIDDEN];
        repeats = kernelRepeats;
    }

    /** Dense 3→10 forward with bias and ReLU (b×3·3×10). */
    @Benchmark
    public float[] forward1()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulBiasRelu(x, 0, w1, 0, b1, 0, h1, 0, batch, IN, HIDDEN);
        }
        return h1;
    }

    /** Scalar reference of {@link #forward1()}. */
    @Benchmark
    public float[] forward1Scalar()
    {
        GEMM.matmul(x, 0, w1, 0, h1, 0, batch, IN, HIDDEN, false);
        ELEMENTWISE.addBiasRows(h1, 0, batch, HIDDEN, b1, 0, true);
        return h1;
    }

    /** Dense 10→10 forward with bias and ReLU (b×10·10×10). */
    @Benchmark
    public float[] forward2()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulBiasRelu(h1, 0, w2, 0, b2, 0, h2, 0, batch, HIDDEN, HIDDEN);
        }
        return h2;
    }

    /** Scalar reference of {@link #forward2()}. */
    @Benchmark
    public float[] forward2Scalar()
    {
        GEMM.matmul(h1, 0, w2, 0, h2, 0, batch, HIDDEN, HIDDEN, false);
        ELEMENTWISE.addBiasRows(h2, 0, batch, HIDDEN, b2, 0, true);
        return h2;
    }

    /** Dense 10→1 forward with bias, no activation (b×10·10×1). */
    @Benchmark
    public float[] forward3()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulBias(h1, 0, w3, 0, b3, 0, out, 0, batch, HIDDEN, 1);
        }
        return out;
    }

    /** Scalar reference of {@link #forward3()}. */
    @Benchmark
    public float[] forward3Scalar()
    {
        GEMM.matmul(h1, 0, w3, 0, out, 0, batch, HIDDEN, 1, false);
        ELEMENTWISE.addBiasRows(out, 0, batch, 1, b3, 0, false);
        return out;
    }

    /** Plain b×10·10×10 matmul: the numpy reference shape. */
    @Benchmark
    public float[] matmul()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmul(h1, w2, h2, batch, HIDDEN, HIDDEN);
        }
        return h2;
    }

    /** Scalar reference of {@link #matmul()}. */
    @Benchmark
    public float[] matmulScalar()
    {
        GEMM.matmul(h1, 0, w2, 0, h2, 0, batch, HIDDEN, HIDDEN, false);
        return h2;
    }

    /** Weight gradient Xᵀ·G: (b×10)ᵀ·(b×10) → 10×10. */
    @Benchmark
    public float[] gradW()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulTransA(h1, g, gradW, HIDDEN, batch, HIDDEN);
        }
        return gradW;
    }

    /** Scalar reference of {@link #gradW()}. */
    @Benchmark
    public float[] gradWScalar()
    {
        GEMM.matmulTransA(h1, 0, g, 0, gradW, 0, HIDDEN, batch, HIDDEN, false);
        return gradW;
    }

    /** Input gradient G·Wᵀ: (b×10)·(10×10)ᵀ → b×10. */
    @Benchmark
    public float[] gradX()
    {
        for (int r = 0; r < repeats; r++)
        {
            Matmul.matmulTransB(g, w2, gradX, batch, HIDDEN, HIDDEN);
        }
        return gradX;
    }

    /** Scalar reference of {@link #gradX()}. */
    @Benchmark
    public float[] gradXScalar()
    {
        GEMM.matmulTransB(g, 0, w2, 0, gradX, 0, batch, HIDDEN, HIDDEN, false);
        return gradX;
    }

    /** Heaviside masking (ReLU backward) in place over b×10; grad stays bounded (×0 or ×1). */
    @Benchmark
    public float[] mask()
    {
        for (int r = 0; r < repeats; r++)
        {
            Activations.reluBackward(grad, act, 0, grad.length);
        }
        return grad;
    }

    /** Scalar reference of {@link #mask()}. */
    @Benchmark
    public float[] maskScalar()
    {
        ELEMENTWISE.reluBackward(grad, 0, act, 0, grad.length);
        return grad;
    }

    /** Bias gradient: column mean of G over the batch rows. */
    @Benchmark
    public float[] biasGrad()
    {
        for (int r = 0; r < repeats; r++)
        {
            Reductions.columnMean(g, 0, batch, HIDDEN, gradB, 0);
        }
        return gradB;
    }

    /** Scalar reference of {@link #biasGrad()}. */
    @Benchmark
    public float[] biasGradScalar()
    {
        ELEMENTWISE.columnSum(g, 0, batch, HIDDEN, gradB, 0, 1f / batch);
        return gradB;
    }

    /** ReLU in place over b×10 (idempotent, so every call does the same work). */
    @Benchmark
    public float[] relu()
    {
        for (int r = 0; r < repeats; r++)
        {
            Activations.relu(act, 0, act.length);
        }
        return act;
    }

    /** Scalar reference of {@link #relu()}. */
    @Benchmark
    public float[] reluScalar()
    {
        ELEMENTWISE.relu(act, 0, act.length);
        return act;
    }

    /** Heaviside step H(x, 0) of b×10 values into a separate array. */
    @Benchmark
    public float[] heaviside()
    {
        for (int r = 0; r < repeats; r++)
        {
            Activations.heaviside(g, mask, 0, g.length, 0f);
        }
        return mask;
    }

    /** Scalar reference of {@link #heaviside()}. */
    @Benchmark
    public float[] heavisideScalar()
    {
        ELEMENTWISE.heaviside(g, 0, mask, 0, g.length, 0f);
        return mask;
    }
}
