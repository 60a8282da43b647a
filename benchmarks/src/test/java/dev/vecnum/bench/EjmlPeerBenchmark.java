package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
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
 * Peer: EJML (pure Java, single thread) float GEMM on the same square shapes as {@link GemmSizesBenchmark}
 * ({@code CommonOps_FDRM.mult / multTransA / multTransB}); FLOP per op = 2·n³.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class EjmlPeerBenchmark
{
    @Param({"64", "128", "256", "512", "1024"})
    int n;

    FMatrixRMaj a;
    FMatrixRMaj b;
    FMatrixRMaj c;

    @Setup(Level.Trial)
    public void setup()
    {
        a = new FMatrixRMaj(n, n, true, Data.signed(n * n, 1));
        b = new FMatrixRMaj(n, n, true, Data.signed(n * n, 2));
        c = new FMatrixRMaj(n, n);
    }

    /** C = A·B. */
    @Benchmark
    public FMatrixRMaj matmul()
    {
        CommonOps_FDRM.mult(a, b, c);
        return c;
    }

    /** C = Aᵀ·B. */
    @Benchmark
    public FMatrixRMaj matmulTransA()
    {
        CommonOps_FDRM.multTransA(a, b, c);
        return c;
    }

    /** C = A·Bᵀ. */
    @Benchmark
    public FMatrixRMaj matmulTransB()
    {
        CommonOps_FDRM.multTransB(a, b, c);
        return c;
    }
}
