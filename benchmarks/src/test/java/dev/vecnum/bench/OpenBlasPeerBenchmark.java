package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * Peer: OpenBLAS {@code cblas_sgemm} through org.bytedeco (the pure-Java user's main native alternative), the same
 * square shapes and forms and the same dense-layer products as {@link GemmSizesBenchmark}, on 1 and 2 OpenBLAS threads,
 * on native buffers (no JNI array copies: OpenBLAS at its best).
 *
 * <p>OpenBLAS as its users get it: the forks start through {@code benchmarks/peers/openblas-peer-java} (relative to
 * {@code benchmarks/}, the working directory of the jmh plugin and of the gate), which drops {@code OPENBLAS_CORETYPE}
 * and {@code OPENBLAS_L2_SIZE} so OpenBLAS picks its kernels by its own CPU detection. Each fork prints and records
 * {@code openblas_get_corename()} / {@code openblas_get_config()} ({@link OpenBlasInfo}); if the variables still reach
 * it (another launcher, {@code -jvm}), it measures anyway and counts {@code pinned}, and the report labels those
 * results as pinned instead of comparing silently.
 *
 * <p>Where the native library cannot load (another OS/arch without -Djavacpp.platform=…), the setup prints one clear
 * line, the benchmark does nothing and counts {@code unavailable}; the report drops such results instead of failing
 * the whole run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvm = OpenBlasPeerBenchmark.LAUNCHER,
    jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class OpenBlasPeerBenchmark
{
    /** The forks' launcher, relative to {@code benchmarks/}. */
    static final String LAUNCHER = "peers/openblas-peer-java";

    /** Square operands n×n on 1 or 2 OpenBLAS threads. */
    @State(Scope.Thread)
    public static class Square
    {
        @Param({"64", "128", "256", "512", "1024"})
        int n;

        @Param({"1", "2"})
        int threads;

        Native buffers;

        @Setup(Level.Trial)
        public void setup()
        {
            buffers = Native.load(threads, "n " + n, Data.signed(n * n, 1), Data.signed(n * n, 2), null, n * n);
        }
    }

    /** Non-zero rates in the JSON: OpenBLAS not measured ({@code unavailable}) or measured pinned ({@code pinned}). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Availability
    {
        /** calls that measured nothing because the native library did not load. */
        public long unavailable;
        /** calls measured with OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE set in the fork. */
        public long pinned;
    }

    /** The three products of a 784→256 dense layer (see {@link GemmSizesBenchmark.Layer}), on OpenBLAS. */
    @State(Scope.Thread)
    public static class Layer
    {
        @Param({"32", "128", "512"})
        int batch;

        @Param({"forward", "gradW", "gradX"})
        String product;

        @Param({"1", "2"})
        int threads;

        Native buffers;

        @Setup(Level.Trial)
        public void setup()
        {
            final int in = GemmSizesBenchmark.Layer.IN;
            final int out = GemmSizesBenchmark.Layer.OUT;
            buffers = Native.load(threads, "layer " + product + " batch " + batch,
                Data.signed(batch * in, 3), Data.signed(in * out, 4), Data.signed(batch * out, 5),
                Math.max(in * out, batch * in));
        }
    }

    /** C = A·B. */
    @Benchmark
    public FloatPointer matmul(final Square s, final Availability availability)
    {
        return s.buffers.sgemm(availability, false, false, s.n, s.n, s.n, s.buffers.a, s.buffers.b);
    }

    /** C = Aᵀ·B. */
    @Benchmark
    public FloatPointer matmulTransA(final Square s, final Availability availability)
    {
        return s.buffers.sgemm(availability, true, false, s.n, s.n, s.n, s.buffers.a, s.buffers.b);
    }

    /** C = A·Bᵀ. */
    @Benchmark
    public FloatPointer matmulTransB(final Square s, final Availability availability)
    {
        return s.buffers.sgemm(availability, false, true, s.n, s.n, s.n, s.buffers.a, s.buffers.b);
    }

    /**
     * One product of the dense layer: forward X·W, weight gradient Xᵀ·G or input gradient G·Wᵀ.
     *
     * @param layer        shapes and buffers (a = X, b = W, g = G)
     * @param availability counters
     * @return C
     */
    @Benchmark
    public FloatPointer layer(final Layer layer, final Availability availability)
    {
        final Native x = layer.buffers;
        final int in = GemmSizesBenchmark.Layer.IN;
        final int out = GemmSizesBenchmark.Layer.OUT;
        final int b = layer.batch;
        switch (layer.product)
        {
            case "forward":
                return x.sgemm(availability, false, false, b, in, out, x.a, x.b);
            case "gradW":
                return x.sgemm(availability, true, false, in, b, out, x.a, x.g);
            default:
                return x.sgemm(availability, false, true, b, out, in, x.g, x.b);
        }
    }

    /** Native operand buffers of one trial and the call into OpenBLAS. */
    static final class Native
    {
        boolean available;
        boolean pinned;
        FloatPointer a;
        FloatPointer b;
        FloatPointer g;
        FloatPointer c;

        static Native load(
            final int threads, final String what, final float[] a, final float[] b, final float[] g, final long c)
        {
            final Native x = new Native();
            try
            {
                Loader.load(openblas.class);
                openblas.blas_set_num_threads(threads);
                // native buffers: measures sgemm itself, without JNI copies of Java arrays (the peer at its best)
                x.a = new FloatPointer(a);
                x.b = new FloatPointer(b);
                x.g = g == null ? null : new FloatPointer(g);
                x.c = new FloatPointer(c);
                x.available = true;
                x.pinned = !OpenBlasInfo.pins().isEmpty();
                OpenBlasInfo.record(what + ", " + threads + " thread(s)");
            }
            catch (final Throwable e)
            {
                x.available = false;
                System.out.println("OpenBlasPeerBenchmark: SKIPPED, OpenBLAS native library could not load (" + e +
                    "); these results measure nothing and the report leaves the OpenBLAS column empty");
            }
            return x;
        }

        /** Row-major C[m×n] = op(A)·op(B) with op(A) m×k, op(B) k×n, stored as the flags say. */
        FloatPointer sgemm(
            final Availability availability, final boolean transA, final boolean transB, final int m, final int k,
            final int n, final FloatPointer a, final FloatPointer b)
        {
            if (!available)
            {
                availability.unavailable++;
                return c;
            }
            if (pinned)
            {
                availability.pinned++;
            }
            openblas.cblas_sgemm(openblas.CblasRowMajor, transA ? openblas.CblasTrans : openblas.CblasNoTrans,
                transB ? openblas.CblasTrans : openblas.CblasNoTrans, m, n, k, 1f, a, transA ? m : k, b,
                transB ? k : n, 0f, c, n);
            return c;
        }
    }
}
