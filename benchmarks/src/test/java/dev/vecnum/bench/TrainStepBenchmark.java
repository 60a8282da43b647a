package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import dev.vecnum.core.Activations;
import dev.vecnum.core.Matmul;
import dev.vecnum.core.Optim;
import dev.vecnum.core.Reductions;
import dev.vecnum.core.Vectors;
import dev.vecnum.core.kernel.ScalarElementwise;
import dev.vecnum.core.kernel.ScalarGemm;
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
 * One training step of the lesson's 3→10→10→1 ReLU MLP with MSE loss and AdamW, written directly against the core
 * kernels (the examples module's {@code Mlp} had not landed on main when this was written; the step below follows the
 * lesson's math exactly): forward with fused bias+ReLU, G = pred − y, Heaviside-masked backward, weight gradients
 * Xᵀ·G / batch, bias gradients as column means, input gradients G·Wᵀ, then one fused AdamW pass over the flat
 * 161-float parameter arena. {@code stepScalar} runs the same sequence on the scalar references.
 *
 * <p>lr is 0 so the parameters, and therefore the work and the values, stay the same from step to step (a fixed batch
 * would otherwise be over-fitted and drift towards denormal gradients); the kernels do not branch on lr. One op is
 * one step; samples/s = batch · ops/s. {@code -Djmh.prof=gc} shows 0 B/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class TrainStepBenchmark
{
    private static final int IN = 3;
    private static final int H = 10;
    // arena layout: W1 (3×10), b1, W2 (10×10), b2, W3 (10×1), b3
    private static final int W1 = 0;
    private static final int B1 = W1 + IN * H;
    private static final int W2 = B1 + H;
    private static final int B2 = W2 + H * H;
    private static final int W3 = B2 + H;
    private static final int B3 = W3 + H;
    private static final int PARAMS = B3 + 1;
    private static final float LR = 0f;

    private static final ScalarGemm S_GEMM = ScalarGemm.INSTANCE;
    private static final ScalarElementwise S_EW = ScalarElementwise.INSTANCE;
    private static final ScalarOptim S_OPT = ScalarOptim.INSTANCE;

    /** Rows per batch (the lesson trains at 4 and 16). */
    @Param({"1", "4", "16", "64", "100", "256", "1024"})
    int batch;

    float[] x;
    float[] y;
    float[] p;
    float[] g;
    float[] m;
    float[] v;
    float[] h1;
    float[] h2;
    float[] out;
    float[] d1;
    float[] d2;
    int step;
    int repeats;

    @Setup(Level.Trial)
    public void setup(final BenchmarkParams params)
    {
        x = Data.signed(batch * IN, 1);
        y = Data.uniform(batch, 10f, 30f, 2);
        p = Data.uniform(PARAMS, -0.5f, 0.5f, 3);
        g = new float[PARAMS];
        m = new float[PARAMS];
        v = new float[PARAMS];
        h1 = new float[batch * H];
        h2 = new float[batch * H];
        out = new float[batch];
        d1 = new float[batch * H];
        d2 = new float[batch * H];
        step = 1;
        repeats = Slowdown.repeats(params.getBenchmark());
    }

    /** Forward + backward + AdamW through the public API. */
    @Benchmark
    public float[] step()
    {
        for (int r = 0; r < repeats; r++)
        {
            stepBody();
        }
        return p;
    }

    private void stepBody()
    {
        final int b = batch;
        final float invB = 1f / b;
        Matmul.matmulBiasRelu(x, 0, p, W1, p, B1, h1, 0, b, IN, H);
        Matmul.matmulBiasRelu(h1, 0, p, W2, p, B2, h2, 0, b, H, H);
        Matmul.matmulBias(h2, 0, p, W3, p, B3, out, 0, b, H, 1);
        for (int i = 0; i < b; i++)
        {
            out[i] -= y[i];
        }
        // layer 3 (linear): G = pred − y
        Matmul.matmulTransA(h2, 0, out, 0, g, W3, H, b, 1);
        Vectors.scale(g, W3, H, invB);
        Reductions.columnMean(out, 0, b, 1, g, B3);
        Matmul.matmulTransB(out, 0, p, W3, d2, 0, b, 1, H);
        // layer 2
        Activations.reluBackward(d2, h2, 0, b * H);
        Matmul.matmulTransA(h1, 0, d2, 0, g, W2, H, b, H);
        Vectors.scale(g, W2, H * H, invB);
        Reductions.columnMean(d2, 0, b, H, g, B2);
        Matmul.matmulTransB(d2, 0, p, W2, d1, 0, b, H, H);
        // layer 1
        Activations.reluBackward(d1, h1, 0, b * H);
        Matmul.matmulTransA(x, 0, d1, 0, g, W1, IN, b, H);
        Vectors.scale(g, W1, IN * H, invB);
        Reductions.columnMean(d1, 0, b, H, g, B1);
        Optim.adamw(p, g, m, v, 0, PARAMS, LR, 0.9f, 0.999f, 1e-8f, 0.1f, step);
        step = step == Integer.MAX_VALUE ? 1 : step + 1;
    }

    /** The same step on the scalar reference kernels. */
    @Benchmark
    public float[] stepScalar()
    {
        final int b = batch;
        final float invB = 1f / b;
        S_GEMM.matmul(x, 0, p, W1, h1, 0, b, IN, H, false);
        S_EW.addBiasRows(h1, 0, b, H, p, B1, true);
        S_GEMM.matmul(h1, 0, p, W2, h2, 0, b, H, H, false);
        S_EW.addBiasRows(h2, 0, b, H, p, B2, true);
        S_GEMM.matmul(h2, 0, p, W3, out, 0, b, H, 1, false);
        S_EW.addBiasRows(out, 0, b, 1, p, B3, false);
        for (int i = 0; i < b; i++)
        {
            out[i] -= y[i];
        }
        S_GEMM.matmulTransA(h2, 0, out, 0, g, W3, H, b, 1, false);
        S_EW.scale(g, W3, H, invB);
        S_EW.columnSum(out, 0, b, 1, g, B3, invB);
        S_GEMM.matmulTransB(out, 0, p, W3, d2, 0, b, 1, H, false);
        S_EW.reluBackward(d2, 0, h2, 0, b * H);
        S_GEMM.matmulTransA(h1, 0, d2, 0, g, W2, H, b, H, false);
        S_EW.scale(g, W2, H * H, invB);
        S_EW.columnSum(d2, 0, b, H, g, B2, invB);
        S_GEMM.matmulTransB(d2, 0, p, W2, d1, 0, b, H, H, false);
        S_EW.reluBackward(d1, 0, h1, 0, b * H);
        S_GEMM.matmulTransA(x, 0, d1, 0, g, W1, IN, b, H, false);
        S_EW.scale(g, W1, IN * H, invB);
        S_EW.columnSum(d1, 0, b, H, g, B1, invB);
        S_OPT.adamw(p, g, m, v, 0, PARAMS, LR, 0.9f, 0.999f, 1e-8f, 0.1f, step);
        step = step == Integer.MAX_VALUE ? 1 : step + 1;
        return p;
    }
}
