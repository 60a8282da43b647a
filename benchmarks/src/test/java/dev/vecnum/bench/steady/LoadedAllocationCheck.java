package dev.vecnum.bench.steady;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The regression gate's loaded-machine allocation check (its own step of the {@code gate} profile, beside
 * {@code GateProfile}): the lesson's training step ({@code TrainStepBenchmark.step}) at every batch size, one fresh
 * fork each, with {@code -prof gc}, while a {@link Hog} spins one thread per core. Every measured iteration of every
 * fork must allocate less than {@value #LIMIT_BYTES} B per step (or less than JMH's own background rate): a kernel
 * that C2 compiled late (vector code in the interpreter or C1 boxes every vector) or badly (a vector crossing a call it
 * did not inline) allocates hundreds of bytes to tens of KB per step. 5 × 0.5 s warm-up: with one hog thread per core
 * the last kernels of the step reach C2 1.5–2 s into a fork. About 35 s on 2 cores.
 *
 * <p>Usage: {@code LoadedAllocationCheck <out-dir>}; writes {@code out-dir/loaded-alloc.md} and exits 1 when a fork
 * allocates. {@code -Dvecnum.gate.alloc.warmups=N} (default 5 × 0.5 s) changes the warm-up; 0 measures the cold
 * phase, which must fail (the proof that the check can fail).
 */
public final class LoadedAllocationCheck
{
    /** Bytes per step below which an iteration counts as allocation-free. */
    static final double LIMIT_BYTES = 1.0;
    /**
     * Allocation rate (bytes/s) JMH's own machinery accounts to a fork whatever it measures (about 11 KB/s here): at
     * a few thousand steps/s (batch 1024) that alone is 2 B/step, so an iteration also passes below this rate.
     * A boxed vector kernel allocates MB/s.
     */
    static final double NOISE_BYTES_PER_SECOND = 50_000;
    private static final String[] BATCHES = {"1", "4", "16", "64", "100", "256", "1024"};

    private LoadedAllocationCheck()
    {
    }

    /**
     * Runs the check.
     *
     * @param args output directory
     * @throws RunnerException when a benchmark fails
     * @throws IOException     when the hog cannot start or the summary cannot be written
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        if (args.length != 1)
        {
            System.err.println("usage: LoadedAllocationCheck <out-dir>");
            System.exit(2);
        }
        final Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        final int warmups = Integer.getInteger("vecnum.gate.alloc.warmups", 5);
        final int hogThreads = Runtime.getRuntime().availableProcessors();
        final Process hog = Hog.start(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            hogThreads);
        final Collection<RunResult> results;
        try
        {
            results = new Runner(new OptionsBuilder()
                .include("dev\\.vecnum\\.bench\\.TrainStepBenchmark\\.step$")
                .param("batch", BATCHES)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.milliseconds(500))
                .measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(500))
                .forks(1)
                .timeUnit(TimeUnit.SECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .jvmArgsAppend("--add-modules=jdk.incubator.vector")
                .build()).run();
        }
        finally
        {
            hog.destroyForcibly();
        }
        final StringBuilder md = new StringBuilder("### Loaded-machine allocation check\n\n")
            .append("`TrainStepBenchmark.step`, -prof gc, ").append(warmups).append(" × 0.5 s warm-up, 2 × 0.5 s ")
            .append("measured, beside ").append(hogThreads).append(" spinning hog threads. Limit: < ")
            .append(LIMIT_BYTES).append(" B/step (or below ").append(NOISE_BYTES_PER_SECOND / 1e3)
            .append(" KB/s, JMH's own allocation) in every iteration.\n\n| batch | B/step per iteration | |\n|---|---|---|\n");
        final List<String> failed = new ArrayList<>();
        for (final RunResult r : results)
        {
            final BenchmarkParams p = r.getParams();
            final String batch = p.getParam("batch");
            final List<String> cells = new ArrayList<>();
            boolean ok = true;
            for (final IterationResult it : r.getBenchmarkResults().iterator().next().getIterationResults())
            {
                final Result<?> alloc = it.getSecondaryResults().get("gc.alloc.rate.norm");
                final double bytes = alloc == null ? Double.NaN : alloc.getScore();
                final double steps = it.getPrimaryResult().getScore();
                cells.add(String.format(Locale.ROOT, "%.2f", bytes));
                ok &= bytes < Math.max(LIMIT_BYTES, NOISE_BYTES_PER_SECOND / steps);
            }
            md.append("| ").append(batch).append(" | ").append(String.join(", ", cells)).append(" | ")
                .append(ok ? "ok" : "ALLOCATES").append(" |\n");
            if (!ok)
            {
                failed.add("batch " + batch + ": " + String.join(", ", cells) + " B/step");
            }
        }
        if (results.size() != BATCHES.length)
        {
            failed.add("expected " + BATCHES.length + " results, got " + results.size());
        }
        md.append('\n').append(failed.isEmpty() ? "PASSED" : "FAILED: " + String.join("; ", failed)).append('\n');
        Files.writeString(dir.resolve("loaded-alloc.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
