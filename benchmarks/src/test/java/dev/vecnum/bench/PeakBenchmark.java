package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-run FMA peak of the Vector API: 24 independent accumulator chains (enough to cover FMA latency × 2 ports) of
 * {@code v = v·x + y} on the preferred species, no memory traffic. Throughput in ops/ns where one op is one flop
 * (an FMA counts 2), so the score reads directly as GFLOP/s; {@code peak1} is one thread, {@code peak2} runs two
 * threads and reports their combined rate. GEMM results are read as a fraction of this number measured in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class PeakBenchmark
{
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int ITERATIONS = 4096;
    private static final int FLOPS = ITERATIONS * 24 * 2 * 16;

    float seed = 1e-3f;
    float mul = 0.999999f;
    float add = 1e-6f;

    /**
     * One thread.
     *
     * @return a value depending on every chain
     */
    @Benchmark
    @OperationsPerInvocation(FLOPS)
    public float peak1()
    {
        return body();
    }

    /**
     * Two threads, each running the same chains; JMH sums their throughput.
     *
     * @return a value depending on every chain
     */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(FLOPS)
    public float peak2()
    {
        return body();
    }

    private float body()
    {
        if (S.length() != 16)
        {
            throw new IllegalStateException("FLOPS assumes 16 lanes, have " + S.length());
        }
        final FloatVector x = FloatVector.broadcast(S, mul);
        final FloatVector y = FloatVector.broadcast(S, add);
        FloatVector v0 = FloatVector.broadcast(S, seed + 0);
        FloatVector v1 = FloatVector.broadcast(S, seed + 1);
        FloatVector v2 = FloatVector.broadcast(S, seed + 2);
        FloatVector v3 = FloatVector.broadcast(S, seed + 3);
        FloatVector v4 = FloatVector.broadcast(S, seed + 4);
        FloatVector v5 = FloatVector.broadcast(S, seed + 5);
        FloatVector v6 = FloatVector.broadcast(S, seed + 6);
        FloatVector v7 = FloatVector.broadcast(S, seed + 7);
        FloatVector v8 = FloatVector.broadcast(S, seed + 8);
        FloatVector v9 = FloatVector.broadcast(S, seed + 9);
        FloatVector v10 = FloatVector.broadcast(S, seed + 10);
        FloatVector v11 = FloatVector.broadcast(S, seed + 11);
        FloatVector v12 = FloatVector.broadcast(S, seed + 12);
        FloatVector v13 = FloatVector.broadcast(S, seed + 13);
        FloatVector v14 = FloatVector.broadcast(S, seed + 14);
        FloatVector v15 = FloatVector.broadcast(S, seed + 15);
        FloatVector v16 = FloatVector.broadcast(S, seed + 16);
        FloatVector v17 = FloatVector.broadcast(S, seed + 17);
        FloatVector v18 = FloatVector.broadcast(S, seed + 18);
        FloatVector v19 = FloatVector.broadcast(S, seed + 19);
        FloatVector v20 = FloatVector.broadcast(S, seed + 20);
        FloatVector v21 = FloatVector.broadcast(S, seed + 21);
        FloatVector v22 = FloatVector.broadcast(S, seed + 22);
        FloatVector v23 = FloatVector.broadcast(S, seed + 23);
        for (int i = 0; i < ITERATIONS; i++)
        {
            v0 = v0.fma(x, y);
            v1 = v1.fma(x, y);
            v2 = v2.fma(x, y);
            v3 = v3.fma(x, y);
            v4 = v4.fma(x, y);
            v5 = v5.fma(x, y);
            v6 = v6.fma(x, y);
            v7 = v7.fma(x, y);
            v8 = v8.fma(x, y);
            v9 = v9.fma(x, y);
            v10 = v10.fma(x, y);
            v11 = v11.fma(x, y);
            v12 = v12.fma(x, y);
            v13 = v13.fma(x, y);
            v14 = v14.fma(x, y);
            v15 = v15.fma(x, y);
            v16 = v16.fma(x, y);
            v17 = v17.fma(x, y);
            v18 = v18.fma(x, y);
            v19 = v19.fma(x, y);
            v20 = v20.fma(x, y);
            v21 = v21.fma(x, y);
            v22 = v22.fma(x, y);
            v23 = v23.fma(x, y);
        }
        return v0.reduceLanes(VectorOperators.ADD) + v1.reduceLanes(VectorOperators.ADD) + v2.reduceLanes(VectorOperators.ADD) + v3.reduceLanes(VectorOperators.ADD) + v4.reduceLanes(VectorOperators.ADD) + v5.reduceLanes(VectorOperators.ADD) + v6.reduceLanes(VectorOperators.ADD) + v7.reduceLanes(VectorOperators.ADD) + v8.reduceLanes(VectorOperators.ADD) + v9.reduceLanes(VectorOperators.ADD) + v10.reduceLanes(VectorOperators.ADD) + v11.reduceLanes(VectorOperators.ADD) + v12.reduceLanes(VectorOperators.ADD) + v13.reduceLanes(VectorOperators.ADD) + v14.reduceLanes(VectorOperators.ADD) + v15.reduceLanes(VectorOperators.ADD) + v16.reduceLanes(VectorOperators.ADD) + v17.reduceLanes(VectorOperators.ADD) + v18.reduceLanes(VectorOperators.ADD) + v19.reduceLanes(VectorOperators.ADD) + v20.reduceLanes(VectorOperators.ADD) + v21.reduceLanes(VectorOperators.ADD) + v22.reduceLanes(VectorOperators.ADD) + v23.reduceLanes(VectorOperators.ADD);
    }
}
