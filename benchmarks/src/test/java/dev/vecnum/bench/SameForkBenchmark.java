package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The regression gate's ratios, each measured inside one fork: a vecnum kernel and its reference (scalar kernel,
 * same-traffic loop, FMA peak; see {@link SameForkCheck}) run alternately in chunks of about a millisecond, and the
 * {@code kernel*}/{@code reference*} counters add up each side's nanoseconds and work per iteration. The report turns
 * each iteration into (reference ns per work) / (kernel ns per work) and takes the median iteration. A neighbour
 * process or a clock change slows both sides of a chunk pair alike, so the ratio holds still where a ratio of two
 * separate forks (run a minute apart) does not. The primary score (pairs of chunks per second) means nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 8, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class SameForkBenchmark
{
    /** Target length of one side's chunk. */
    private static final long CHUNK_NANOS = 1_000_000;

    /** The metric each fork measures (the gate baseline's names); see {@link SameForkCheck#of(String)}. */
    @Param({
        "gemm.matmul.1t.n256.of_limit", "gemm.matmulTransA.1t.n256.of_limit", "gemm.matmulTransB.1t.n256.of_limit",
        "gemm.matmul.1t.n256.vs_scalar",
        "lesson.matmul.b16.vs_scalar", "lesson.gradW.b16.vs_scalar", "lesson.gradX.b16.vs_scalar",
        "lesson.mask.b16.vs_scalar",
        "lesson.matmul.b256.vs_scalar", "lesson.gradW.b256.vs_scalar", "lesson.gradX.b256.vs_scalar",
        "lesson.mask.b256.vs_scalar",
        "optim.sgd.n1000000.vs_scalar", "optim.sgd.n1000000.vs_traffic",
        "optim.adamw.n1000000.vs_scalar", "optim.adamw.n1000000.vs_traffic"})
    String check;

    private SameForkCheck.Call kernel;
    private SameForkCheck.Call reference;
    private double kernelWork;
    private double referenceWork;
    private int kernelCalls;
    private int referenceCalls;

    /** Per-iteration sums; the report reads their raw per-iteration values. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Tally
    {
        /** nanoseconds spent in the kernel side. */
        public double kernelNs;
        /** work done by the kernel side (calls × work per call). */
        public double kernelWork;
        /** nanoseconds spent in the reference side. */
        public double referenceNs;
        /** work done by the reference side. */
        public double referenceWork;

        /** Zeroes the sums at the start of every iteration. */
        @Setup(Level.Iteration)
        public void reset()
        {
            kernelNs = 0;
            kernelWork = 0;
            referenceNs = 0;
            referenceWork = 0;
        }
    }

    /** Builds the check and its inputs. */
    @Setup(Level.Trial)
    public void setup()
    {
        final SameForkCheck c = SameForkCheck.of(check);
        kernel = c.kernel;
        reference = c.reference;
        kernelWork = c.kernelWork;
        referenceWork = c.referenceWork;
    }

    /**
     * Sizes each side's chunk to about {@link #CHUNK_NANOS} with the code as compiled now (outside the measurement).
     *
     * @param bh sink for the results
     */
    @Setup(Level.Iteration)
    public void calibrate(final Blackhole bh)
    {
        kernelCalls = 1;
        long t;
        while ((t = timeKernel(kernel, kernelCalls, bh)) < CHUNK_NANOS / 4 && kernelCalls < 1 << 24)
        {
            kernelCalls *= 2;
        }
        kernelCalls = calls(kernelCalls, t);
        referenceCalls = 1;
        while ((t = timeReference(reference, referenceCalls, bh)) < CHUNK_NANOS / 4 && referenceCalls < 1 << 24)
        {
            referenceCalls *= 2;
        }
        referenceCalls = calls(referenceCalls, t);
    }

    private static int calls(final int done, final long nanos)
    {
        return (int) Math.max(1, Math.min(1 << 26, done * CHUNK_NANOS / Math.max(1, nanos)));
    }

    /**
     * One chunk of each side.
     *
     * @param tally per-iteration sums
     * @param bh    sink for the results
     */
    @Benchmark
    public void compare(final Tally tally, final Blackhole bh)
    {
        tally.kernelNs += timeKernel(kernel, kernelCalls, bh);
        tally.kernelWork += kernelCalls * kernelWork;
        tally.referenceNs += timeReference(reference, referenceCalls, bh);
        tally.referenceWork += referenceCalls * referenceWork;
    }

    // two copies of one loop on purpose: each side gets its own compiled loop whose call site sees one receiver
    // class, so C2 inlines the benchmark method into it exactly as JMH's own stub does for the suite's benchmarks
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long timeKernel(final SameForkCheck.Call call, final int calls, final Blackhole bh)
    {
        final long start = System.nanoTime();
        for (int i = 0; i < calls; i++)
        {
            bh.consume(call.run());
        }
        return System.nanoTime() - start;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static long timeReference(final SameForkCheck.Call call, final int calls, final Blackhole bh)
    {
        final long start = System.nanoTime();
        for (int i = 0; i < calls; i++)
        {
            bh.consume(call.run());
        }
        return System.nanoTime() - start;
    }
}
