package dev.vecnum.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The regression gate's quick JMH profile (≈3 minutes on 2 cores): the subset whose ratios the gate checks, each
 * benchmark with its in-run reference (FMA peak, L3 triad, scalar peer) in the same run. Usage:
 * {@code GateProfile <result.json>}; {@code -Dvecnum.bench.slowdown=…} is passed on to the forks.
 *
 * <p>Chosen subset: GEMM n=256 (one thread, the three forms) against peak and scalar; the lesson kernels that dominate
 * a training step at batch 16 (the lesson's) and 256; SGD and AdamW at 10⁶ floats against the 12 MiB triad; the full
 * training step at batch 16 and 256. 3 × 0.5 s warm-up (C2 has compiled these small kernels well before) and
 * 8 × 0.3 s measurement per benchmark; the gate reads each benchmark's best iteration (other processes on a shared
 * machine only ever slow an iteration down), which keeps the run-to-run spread of the ratios inside the tolerances.
 */
public final class GateProfile
{
    private GateProfile()
    {
    }

    /**
     * Runs the profile.
     *
     * @param args the JSON result file to write
     * @throws RunnerException when a benchmark fails (fails the gate)
     * @throws java.io.IOException when the result directory cannot be created
     */
    public static void main(final String[] args) throws RunnerException, java.io.IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: GateProfile <result.json>");
            System.exit(2);
        }
        final Path out = Path.of(args[0]);
        if (out.getParent() != null)
        {
            Files.createDirectories(out.getParent());
        }
        final String slowdown = System.getProperty(Slowdown.PROPERTY, "none");
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("MachineLimitsBenchmark\\.(fmaPeak|triad)$")
            .include("GemmSizesBenchmark\\.(matmul|matmulTransA|matmulTransB|matmulScalar)$")
            .include("LessonShapesBenchmark\\.(matmul|forward2|gradW|gradX|mask)(Scalar)?$")
            .include("OptimizerStepBenchmark\\.(sgd|adamw)(Scalar)?$")
            .include("TrainStepBenchmark\\.step(Scalar)?$")
            .param("triadFloats", "1048576")
            .param("n", "256")
            .param("batch", "16", "256")
            .param("floats", "1000000")
            .warmupIterations(3)
            .warmupTime(TimeValue.milliseconds(500))
            .measurementIterations(8)
            .measurementTime(TimeValue.milliseconds(300))
            .forks(1)
            .timeout(TimeValue.minutes(2))
            .timeUnit(TimeUnit.SECONDS)
            .shouldFailOnError(true)
            .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-D" + Slowdown.PROPERTY + "=" + slowdown)
            .resultFormat(ResultFormatType.JSON)
            .result(out.toString());
        new Runner(options.build()).run();
    }
}
