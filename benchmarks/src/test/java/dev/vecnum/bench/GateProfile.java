package dev.vecnum.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vecnum.bench.report.Analysis;
import dev.vecnum.bench.report.Baseline;
import dev.vecnum.bench.report.Gate;
import dev.vecnum.bench.report.JmhResult;
import jdk.incubator.vector.FloatVector;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The regression gate's quick JMH profile (about 2 minutes on 2 cores): {@link SameForkBenchmark}'s ratios (each
 * kernel timed alternately with its in-run reference in one fork: GEMM n=256 against the FMA peak and the scalar
 * loop, the lesson kernels at batch 16 and 256 and SGD / AdamW at 10⁶ floats against their scalar references and
 * the optimizers' same-traffic loop) and the separate-fork ratios listed in {@link #SEPARATE_FORKS} (the training step,
 * whose scalar reference needs its own JVM). Usage: {@code GateProfile <result.json> [gate-baseline.txt]};
 * {@code -Dvecnum.bench.slowdown=…} is passed on to the forks. Beside the result it writes
 * {@code machine.properties}: the machine key ({@code os.arch}, preferred vector width, CPU vendor) that picks the
 * baseline section. With a baseline, the benchmarks behind any metric that fails are run once more and their forks
 * appended, so a neighbour that stole the CPU during one fork does not fail CI while a real regression still does.
 *
 * <p>Extending the gate: a same-fork metric is a case in {@link SameForkCheck} plus its name in
 * {@link SameForkBenchmark}'s {@code check} parameter; a metric that needs its own forks (a JVM-wide switch such as
 * {@code -Dvecnum.vector=false}, a profiler, a loaded machine) is an include below with its parameters, a metric the
 * report's {@code Analysis} derives from it, and a {@link #retryIncludes(String)} case. Either way, then a baseline line.
 */
public final class GateProfile
{
    /**
     * Separate-fork benchmarks: metric prefix (group) → JMH include of the benchmarks behind it. The training step
     * against its scalar reference ({@code -Dvecnum.vector=false} is JVM-wide, so the two sides need two forks).
     */
    static final Map<String, String> SEPARATE_FORKS = Map.of(
        "train", "TrainStepBenchmark\\.step(Scalar)?$");

    /** Parameters of the separate-fork benchmarks (JMH applies each only to the benchmarks that declare it). */
    private static final Map<String, String[]> PARAMS = Map.of(
        "batch", new String[] {"16", "256"});

    private static final String SAME_FORK = "SameForkBenchmark\\.compare$";

    /**
     * Forks per separate-fork benchmark: each side's best iteration over two JVMs, because a whole fork of either
     * side can run 20% slower than another (the step and its scalar reference moved by -25%/+35% between single-fork
     * runs of unchanged code).
     */
    static final int SEPARATE_FORK_COUNT = 2;

    private GateProfile()
    {
    }

    /**
     * Runs the profile.
     *
     * @param args the JSON result file to write, optionally the baseline (enables the retry)
     * @throws RunnerException when a benchmark fails (fails the gate)
     * @throws IOException when results cannot be written or read
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        if (args.length < 1 || args.length > 2)
        {
            System.err.println("usage: GateProfile <result.json> [gate-baseline.txt]");
            System.exit(2);
        }
        final Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out.getParent());
        final String machine = writeMachine(out.resolveSibling(Gate.MACHINE_FILE));
        final Path baseline = args.length > 1 ? Path.of(args[1]) : null;
        runAll(out, List.of(SAME_FORK), new ArrayList<>(SEPARATE_FORKS.values()), List.of());
        if (baseline == null || !Files.exists(baseline))
        {
            return;
        }
        // one retry of just what failed: a neighbour process that stole the CPU during one fork should not fail
        // CI, a real regression fails twice; the gate then reads the best fork of both runs
        final Baseline b = Baseline.read(baseline);
        final String key = Gate.machineKey(machine);
        final List<Gate.Check> checks = Gate.compare(b.entries(b.hasMachine(key) ? key : null),
            new Analysis(JmhResult.read(out), true).metrics());
        final Set<String> retry = new LinkedHashSet<>();
        final Set<String> sameFork = new LinkedHashSet<>();
        for (final Gate.Check c : checks)
        {
            if (c.status() == Gate.Status.REGRESSED || c.status() == Gate.Status.MISSING)
            {
                final String include = retryIncludes(c.metric());
                if (SAME_FORK.equals(include))
                {
                    sameFork.add(c.metric());
                }
                if (include != null)
                {
                    retry.add(include);
                }
            }
        }
        if (retry.isEmpty())
        {
            return;
        }
        System.out.println("vecnum gate: below baseline after the first run:\n" + Gate.table(checks, true) +
            "re-running " + retry + (sameFork.isEmpty() ? "" : " (checks " + sameFork + ")") + " once before judging");
        final Path second = out.resolveSibling("jmh-gate-retry.json");
        final List<String> separate = new ArrayList<>(retry);
        separate.remove(SAME_FORK);
        runAll(second, retry.contains(SAME_FORK) ? List.of(SAME_FORK) : List.of(), separate,
            new ArrayList<>(sameFork));
        merge(out, second);
    }

    /**
     * The JMH include behind one gate metric.
     *
     * @param metric a baseline metric name
     * @return the same-fork benchmark for its checks, the separate-fork include of its group, or null
     */
    static String retryIncludes(final String metric)
    {
        final String group = metric.substring(0, Math.max(0, metric.indexOf('.')));
        if (SEPARATE_FORKS.containsKey(group))
        {
            return SEPARATE_FORKS.get(group);
        }
        try
        {
            SameForkCheck.of(metric);
            return SAME_FORK;
        }
        catch (final IllegalArgumentException e)
        {
            return null;
        }
    }

    /**
     * This machine's baseline key, e.g. {@code amd64 256-bit AuthenticAMD}: what gate ratios depend on (instruction
     * set, vector width, CPU family); written with a longer description to {@code file}.
     *
     * @param file where to write {@code key=} and {@code description=}
     * @return the key
     * @throws IOException when the file cannot be written
     */
    static String writeMachine(final Path file) throws IOException
    {
        final Map<String, String> cpu = cpuInfo();
        final int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        final String key = System.getProperty("os.arch") + " " + bits + "-bit " +
            cpu.getOrDefault("vendor_id", cpu.getOrDefault("CPU implementer", "unknown-vendor"));
        final String description = cpu.getOrDefault("model name", "unknown CPU") + ", " +
            Runtime.getRuntime().availableProcessors() + " CPUs, " + FloatVector.SPECIES_PREFERRED.length() +
            " float lanes, Java " + System.getProperty("java.version");
        final Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("description", description);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8))
        {
            p.store(w, "machine of the last gate profile run (read by Gate)");
        }
        System.out.println("vecnum gate: machine `" + key + "` (" + description + ")");
        return key;
    }

    private static Map<String, String> cpuInfo()
    {
        final Map<String, String> info = new HashMap<>();
        final Path file = Path.of("/proc/cpuinfo");
        try
        {
            if (Files.isReadable(file))
            {
                for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
                {
                    final int colon = line.indexOf(':');
                    if (colon > 0)
                    {
                        info.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                    }
                }
            }
        }
        catch (final IOException e)
        {
            System.out.println("vecnum gate: cannot read " + file + ": " + e.getMessage());
        }
        return info;
    }

    /**
     * One pass of the profile into {@code out}: the same-fork checks (one fork each; all when {@code checks} is
     * empty) and the separate-fork benchmarks with {@link #SEPARATE_FORK_COUNT} forks each, merged into one result.
     */
    private static void runAll(final Path out, final List<String> sameFork, final List<String> separate,
        final List<String> checks) throws RunnerException, IOException
    {
        if (!sameFork.isEmpty())
        {
            run(out, sameFork, checks, 1);
        }
        if (separate.isEmpty())
        {
            return;
        }
        if (sameFork.isEmpty())
        {
            run(out, separate, List.of(), SEPARATE_FORK_COUNT);
            return;
        }
        final Path more = out.resolveSibling(out.getFileName() + ".separate.json");
        run(more, separate, List.of(), SEPARATE_FORK_COUNT);
        merge(out, more);
    }

    private static void run(final Path out, final List<String> includes, final List<String> checks, final int forks)
        throws RunnerException
    {
        final String slowdown = System.getProperty(Slowdown.PROPERTY, "none");
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .warmupIterations(3)
            .warmupTime(TimeValue.milliseconds(500))
            .measurementIterations(8)
            .measurementTime(TimeValue.milliseconds(300))
            .forks(forks)
            .timeout(TimeValue.minutes(2))
            .timeUnit(TimeUnit.SECONDS)
            .shouldFailOnError(true)
            .jvmArgsAppend("--add-modules=jdk.incubator.vector", "-D" + Slowdown.PROPERTY + "=" + slowdown)
            .resultFormat(ResultFormatType.JSON)
            .result(out.toString());
        PARAMS.forEach(options::param);
        if (!checks.isEmpty())
        {
            options.param("check", checks.toArray(new String[0]));
        }
        for (final String include : includes)
        {
            options.include(include);
        }
        new Runner(options.build()).run();
    }

    /** Appends the retry's iterations (as extra forks) to the first run's results, in place. */
    static void merge(final Path first, final Path retry) throws IOException
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ArrayNode base = (ArrayNode) mapper.readTree(first.toFile());
        final ArrayNode again = (ArrayNode) mapper.readTree(retry.toFile());
        final Map<String, JsonNode> byId = new HashMap<>();
        for (final JsonNode r : base)
        {
            byId.put(r.path("benchmark").asText() + r.path("params"), r);
        }
        for (final JsonNode r : again)
        {
            final JsonNode old = byId.get(r.path("benchmark").asText() + r.path("params"));
            if (old == null)
            {
                base.add(r);
                continue;
            }
            appendForks(old.path("primaryMetric"), r.path("primaryMetric"));
            final JsonNode oldSecondary = old.path("secondaryMetrics");
            r.path("secondaryMetrics").fields().forEachRemaining(e -> appendForks(oldSecondary.path(e.getKey()),
                e.getValue()));
        }
        mapper.writerWithDefaultPrettyPrinter().writeValue(first.toFile(), base);
    }

    private static void appendForks(final JsonNode into, final JsonNode from)
    {
        if (into.path("rawData").isArray() && from.path("rawData").isArray())
        {
            from.path("rawData").forEach(((ArrayNode) into.path("rawData"))::add);
        }
    }
}
