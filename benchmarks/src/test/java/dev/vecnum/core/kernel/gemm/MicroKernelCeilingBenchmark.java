package dev.vecnum.core.kernel.gemm;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The GEMM ceiling this JIT allows: the packed GEMM's own {@link MicroKernel} on cache-resident packed operands (one
 * {@link PackedGemm#MC}×{@link PackedGemm#KC} A block in L2 against four KC×NR B micro-panels, the macro-kernel's inner
 * loops with no packing and no C traffic beyond the tiles), one thread. Whatever the blocked GEMM loses below this
 * number is packing and cache traffic; what this number loses below the in-run FMA peak ({@code MachineLimitsBenchmark})
 * is the micro-kernel's instruction mix as C2 compiles it (broadcast loads, loop overhead). The {@code flop} counter is
 * FLOP/s; the report shows it as a fraction of the in-run one-thread peak.
 *
 * <p>In the core's package because {@link MicroKernel} is internal.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class MicroKernelCeilingBenchmark
{
    private static final int PANELS_B = 4;

    private final int mc = PackedGemm.MC;
    private final int kc = PackedGemm.KC;
    private float[] ap;
    private float[] bp;
    private float[] c;

    /** FLOP counter: the JSON's {@code flop} secondary metric is FLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops
    {
        /** floating-point operations done. */
        public long flop;
    }

    @Setup(Level.Trial)
    public void setup()
    {
        final java.util.Random rnd = new java.util.Random(7);
        ap = new float[mc * kc];
        // laid out as PackedGemm lays out packed B: from the cache-line-aligned offset of a buffer G1 keeps aligned
        bp = new float[CacheAlignment.length(PANELS_B * kc * MicroKernel.NR)];
        c = new float[mc * PANELS_B * MicroKernel.NR];
        for (int i = 0; i < ap.length; i++)
        {
            ap[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < bp.length; i++)
        {
            bp[i] = rnd.nextFloat() - 0.5f;
        }
    }

    /**
     * One macro-kernel pass: every MR-row A micro-panel of the block times each of the B micro-panels.
     *
     * @param flops FLOP counter
     * @return C
     */
    @Benchmark
    public float[] microKernel(final Flops flops)
    {
        final int nr = MicroKernel.NR;
        final int ldc = PANELS_B * nr;
        for (int jr = 0; jr < PANELS_B; jr++)
        {
            for (int ir = 0; ir < mc; ir += MicroKernel.MR)
            {
                MicroKernel.tile(ap, ir * kc, bp, CacheAlignment.OFFSET + jr * nr * kc, nr, kc, c, 0, 0,
                    c, ir * ldc + jr * nr, ldc, false);
            }
        }
        flops.flop += 2L * mc * kc * nr * PANELS_B;
        return c;
    }
}
