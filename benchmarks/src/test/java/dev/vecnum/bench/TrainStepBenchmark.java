package dev.vecnum.bench;

import java.util.concurrent.TimeUnit;

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

import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.lesson.LessonRun;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.Loss;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.data.Dataset;
import dev.vecnum.nn.train.ParamOptimizer;
import dev.vecnum.nn.train.TrainingStep;

/**
 * One training step of the lesson's 3→10→10→1 ReLU MLP — forward (fused bias+ReLU), MSE gradient, Heaviside-masked
 * backward, AdamW over the flat parameter arena — exactly as the lesson's training loop runs it, on the bundled
 * weather training rows in file order (wrapping around at the end), with the lesson's AdamW hyperparameters: nn's
 * {@link TrainingStep} with the MSE loss, the step every front end runs.
 * {@code stepScalar} runs the same code in a fork with {@code -Dvecnum.vector=false} (the scalar reference kernels).
 *
 * <p>One op is one step; the report derives samples/s = batch · ops/s. {@code -Djmh.prof=gc} shows the allocation per
 * step (gc.alloc.rate.norm), which must be 0 B/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1"})
@State(Scope.Thread)
public class TrainStepBenchmark
{
    /** Rows per batch (the lesson trains at 4 and 16), including a size that is not a power of two. */
    @Param({"1", "4", "16", "64", "100", "256", "1024"})
    int batch;

    private TrainingStep<float[]> step;
    private Dataset train;
    private int from;
    private int repeats;

    /**
     * Builds the lesson's AdamW run at this batch size.
     *
     * @param params JMH's parameters (for the slowdown switch)
     */
    @Setup(Level.Trial)
    public void setup(final BenchmarkParams params)
    {
        train = BundledData.lessonSplit().train();
        final Mlp mlp = new Mlp(new int[] {train.features(), LessonRun.HIDDEN[0], LessonRun.HIDDEN[1], train.targets()},
            batch);
        Init.LESSON.apply(mlp, 0);
        step = new TrainingStep<>(mlp, Loss.MSE, new ParamOptimizer(LessonRun.ADAMW.config(), mlp));
        repeats = Slowdown.repeats(params.getBenchmark());
    }

    /**
     * One step with the vector kernels.
     *
     * @return the batch MSE
     */
    @Benchmark
    public double step()
    {
        double loss = 0;
        for (int r = 0; r < repeats; r++)
        {
            loss = stepBody();
        }
        return loss;
    }

    /**
     * The same step on the scalar reference kernels.
     *
     * @return the batch MSE
     */
    @Benchmark
    @Fork(value = 1, jvmArgsPrepend = {
        "--add-modules=jdk.incubator.vector", "-Dvecnum.threads=1", "-Dvecnum.vector=false"})
    public double stepScalar()
    {
        return stepBody();
    }

    private double stepBody()
    {
        if (from + batch > train.rows())
        {
            from = 0;
        }
        final double loss = step.step(train.x(), from * train.features(), train.y(), from * train.targets(), batch);
        from += batch;
        return loss;
    }
}
