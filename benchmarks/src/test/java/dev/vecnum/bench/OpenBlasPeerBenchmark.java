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
 * Peer: OpenBLAS {@code cblas_sgemm} through org.bytedeco (the pure-Java user's main native alternative), same square
 * shapes and forms as {@link GemmSizesBenchmark}, on 1 and 2 OpenBLAS threads, on native buffers (no JNI array
 * copies: OpenBLAS at its best).
 *
 * <p>Where the native library cannot load (another OS/arch without -Djavacpp.platform=…), the setup prints one clear
 * line, the benchmark does nothing and counts {@code unavailable}; the report drops such results instead of failing
 * the whole run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class OpenBlasPeerBenchmark
{
    @Param({"64", "128", "256", "512", "1024"})
    int n;

    @Param({"1", "2"})
    int threads;

    boolean available;
    FloatPointer a;
    FloatPointer b;
    FloatPointer c;

    /** Non-zero rate in the JSON means OpenBLAS was not measured. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Availability
    {
        /** calls that measured nothing because the native library did not load. */
        public long unavailable;
    }

    @Setup(Level.Trial)
    public void setup()
    {
        try
        {
            Loader.load(openblas.class);
            openblas.blas_set_num_threads(threads);
            // native buffers: measures sgemm itself, without JNI copies of Java arrays (the peer at its best)
            a = new FloatPointer(Data.signed(n * n, 1));
            b = new FloatPointer(Data.signed(n * n, 2));
            c = new FloatPointer((long) n * n);
            available = true;
        }
        catch (final Throwable e)
        {
            available = false;
            System.out.println("OpenBlasPeerBenchmark: SKIPPED, OpenBLAS native library could not load (" + e +
                "); these results measure nothing and the report leaves the OpenBLAS column empty");
        }
    }

    /** C = A·B. */
    @Benchmark
    public FloatPointer matmul(final Availability availability)
    {
        return sgemm(availability, openblas.CblasNoTrans, openblas.CblasNoTrans);
    }

    /** C = Aᵀ·B. */
    @Benchmark
    public FloatPointer matmulTransA(final Availability availability)
    {
        return sgemm(availability, openblas.CblasTrans, openblas.CblasNoTrans);
    }

    /** C = A·Bᵀ. */
    @Benchmark
    public FloatPointer matmulTransB(final Availability availability)
    {
        return sgemm(availability, openblas.CblasNoTrans, openblas.CblasTrans);
    }

    private FloatPointer sgemm(final Availability availability, final int transA, final int transB)
    {
        if (!available)
        {
            availability.unavailable++;
            return c;
        }
        openblas.cblas_sgemm(openblas.CblasRowMajor, transA, transB, n, n, n, 1f, a, n, b, n, 0f, c, n);
        return c;
    }
}
