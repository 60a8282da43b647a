package dev.vecnum.examples.bench;

import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.data.Dataset;
import dev.vecnum.examples.lesson.LessonRun;
import dev.vecnum.examples.nn.Init;
import dev.vecnum.examples.nn.Mlp;
import dev.vecnum.examples.train.ParamOptimizer;
import dev.vecnum.examples.train.TrainingRun;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * One training step of the lesson's 3→10→10→1 MLP (forward, MSE, backward, AdamW update) per batch size, on the
 * weather training rows in order. JMH reports steps/s as the primary score and samples/s (rows trained per second)
 * as the {@code samples} counter; run with {@code -prof gc} to see gc.alloc.rate.norm, which should be ≈ 0 B/op.
 *
 * <p>Run on demand (never part of the build):
 * {@code mvn -B -ntp -pl examples -am test-compile jmh:benchmark -Djmh.benchmarks=TrainStep -Djmh.prof=gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class TrainStepBenchmark
{
    /** Rows per batch, including sizes that are not powers of two. */
    @Param({"1", "4", "16", "64", "100", "256", "1024"})
    public int batch;

    private Mlp mlp;
    private ParamOptimizer optimizer;
    private Dataset train;
    private int from;

    /** Rows trained, reported by JMH as a rate (samples/s). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Samples
    {
        /** Rows trained in this iteration. */
        public long samples;

        /** Starts each iteration at 0. */
        @Setup(Level.Iteration)
        public void reset()
        {
            samples = 0;
        }
    }

    /** Builds the lesson's AdamW run with this batch size. */
    @Setup
    public void setUp()
    {
        final TrainingRun run = new TrainingRun(BundledData.lessonSplit(), LessonRun.HIDDEN, Init.LESSON, 0, batch,
            LessonRun.ADAMW.config());
        mlp = run.mlp();
        optimizer = run.optimizer();
        train = BundledData.lessonSplit().train();
    }

    /**
     * One step on the next batch of training rows (wrapping around at the end).
     *
     * @param samples the samples counter
     * @return the batch MSE (consumed by JMH)
     */
    @Benchmark
    public double step(final Samples samples)
    {
        if (from + batch > train.rows())
        {
            from = 0;
        }
        final double loss = mlp.gradient(train.x(), from * train.features(), train.y(), from * train.targets(), batch);
        optimizer.step();
        from += batch;
        samples.samples += batch;
        return loss;
    }

    /**
     * Runs this benchmark.
     *
     * @param args ignored
     * @throws RunnerException if JMH fails
     */
    public static void main(final String[] args) throws RunnerException
    {
        new Runner(new OptionsBuilder().include(TrainStepBenchmark.class.getSimpleName()).build()).run();
    }
}
