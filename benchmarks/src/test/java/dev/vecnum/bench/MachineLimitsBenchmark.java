package dev.vecnum.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's limits, measured in the same run as everything else so other results read as fractions of them:
 * <ul>
 *   <li>{@code fmaPeak} / {@code fmaPeakAllThreads}: Vector API FMA throughput with enough independent accumulators to
 *   hide FMA latency, on one thread and on every hardware thread; the {@code flop} counter is FLOP/s.</li>
 *   <li>{@code triad}: STREAM triad a[i] = b[i] + s·c[i] with {@code triadFloats} floats per array, working sets
 *   768 KiB (L2), 12 MiB (L3, near the optimizers' working sets at 10⁶ floats) and 1.5 GiB (DRAM, beyond the
 *   480 MiB L3 the VM reports); the report compares each kernel with the triad nearest its working set;
 *   bytes per op = 12 · triadFloats (two reads, one write; write-allocate traffic not counted, as in STREAM).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class MachineLimitsBenchmark
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** FMA instructions per accumulator per op. */
    static final int FMA_ITERATIONS = 4096;
    /** Independent accumulator chains: more than latency × FMA ports on current x86 and ARM cores. */
    static final int ACCUMULATORS = 12;
    /** FLOP per op: 2 per lane per FMA. */
    static final long FLOP_PER_OP = 2L * LANES * ACCUMULATORS * FMA_ITERATIONS;

    float[] seed;
    float scalar = 0.5f;

    /** FLOP counter: the JSON's {@code flop} secondary metric is FLOP/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops
    {
        /** floating-point operations done. */
        public long flop;
    }

    /** Triad arrays, in their own state so only the triad benchmark is expanded over {@code triadFloats}. */
    @State(Scope.Thread)
    public static class Triad
    {
        /** Floats per array: L2, L3, DRAM working sets. */
        @Param({"65536", "1048576", "134217728"})
        public int triadFloats;

        float[] a;
        float[] b;
        float[] c;

        @Setup(Level.Trial)
        public void setup()
        {
            final int n = triadFloats;
            a = new float[n];
            b = new float[n];
            c = new float[n];
            Arrays.fill(b, 1.25f);
            Arrays.fill(c, 0.75f);
        }
    }

    @Setup(Level.Trial)
    public void setup()
    {
        seed = Data.uniform(2 * LANES, 0.999f, 1.001f, 7);
    }

    /** One-thread Vector API FMA peak. */
    @Benchmark
    public float fmaPeak(final Flops flops)
    {
        flops.flop += FLOP_PER_OP;
        return fmaBody(seed);
    }

    /** FMA peak with one benchmark thread per hardware thread (JMH sums the threads' rates). */
    @Benchmark
    @Threads(Threads.MAX)
    public float fmaPeakAllThreads(final Flops flops)
    {
        flops.flop += FLOP_PER_OP;
        return fmaBody(seed);
    }

    /** STREAM triad a = b + s·c over triadFloats floats per array. */
    @Benchmark
    public float[] triad(final Triad t)
    {
        triadBody(t.a, t.b, t.c, scalar);
        return t.a;
    }

    static float fmaBody(final float[] seed)
    {
        final FloatVector x = FloatVector.fromArray(SPECIES, seed, 0);
        final FloatVector y = FloatVector.fromArray(SPECIES, seed, LANES);
        FloatVector a0 = x;
        FloatVector a1 = y;
        FloatVector a2 = x.add(y);
        FloatVector a3 = x.sub(y);
        FloatVector a4 = x.mul(y);
        FloatVector a5 = x.neg();
        FloatVector a6 = y.neg();
        FloatVector a7 = x.add(x);
        FloatVector a8 = y.add(y);
        FloatVector a9 = x.mul(x);
        FloatVector a10 = y.mul(y);
        FloatVector a11 = x.sub(x);
        // acc' = x·y + acc, the accumulation of a GEMM micro-kernel (the accumulator is the addend): x·y ≈ 1, so every
        // value stays finite, normal and below ~5000. With the accumulator as a multiplicand (acc' = acc·x + y) this
        // loop ran at 61–79 GFLOP/s on Zen 3 while the addend form and the GEMM micro-kernel itself reach 97–108:
        // that was not the machine's peak
        for (int i = 0; i < FMA_ITERATIONS; i++)
        {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
            .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }

    private static void triadBody(final float[] a, final float[] b, final float[] c, final float s)
    {
        triadRange(a, b, c, s, 0, a.length);
    }

    /**
     * STREAM triad a[i] = b[i] + s·c[i] for i in [from, to): the one triad kernel every bandwidth reference uses.
     *
     * @param a    output
     * @param b    first input
     * @param c    second input
     * @param s    scalar
     * @param from first index
     * @param to   end index (exclusive)
     */
    static void triadRange(final float[] a, final float[] b, final float[] c, final float s, final int from,
        final int to)
    {
        final int n = to;
        final int bound = from + SPECIES.loopBound(to - from);
        final FloatVector vs = FloatVector.broadcast(SPECIES, s);
        int i = from;
        for (; i < bound; i += LANES)
        {
            FloatVector.fromArray(SPECIES, c, i).fma(vs, FloatVector.fromArray(SPECIES, b, i)).intoArray(a, i);
        }
        // scalar tail
        for (; i < n; i++)
        {
            a[i] = b[i] + s * c[i];
        }
    }
}
