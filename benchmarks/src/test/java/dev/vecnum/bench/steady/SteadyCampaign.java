package dev.vecnum.bench.steady;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.vecnum.bench.report.Stability;

/**
 * The stability campaign: many fresh JVMs running {@link SteadyProbe}, optionally beside a {@link Hog}, and the worst
 * JVM against the median one per shape. Each invocation measures one JDK under one load and adds (or replaces) that
 * campaign in the JSON file, so JDKs and loads can be run one after another (each a few minutes) and reported together
 * by the benchmark report ({@code -Dvecnum.report.stability=FILE}).
 *
 * <pre>
 * SteadyCampaign --out FILE [--java PATH] [--jvms 30] [--load idle|loaded] [--hog-threads N]
 *                [--sections lesson,train,gemm2t] [--scalar-jvms 10]
 * </pre>
 * Probe JVMs run with {@code -XX:+UseParallelGC -Xms2g -Xmx2g --add-modules jdk.incubator.vector} (the issue's
 * command line), {@code -Dvecnum.threads=1} (two for {@code gemm2t}); {@code --scalar-jvms} more JVMs run the training
 * step with {@code -Dvecnum.vector=false} for the vector-versus-scalar check. Exit code 1 when a goal is missed
 * (see {@link Stability}), 2 on bad arguments.
 */
public final class SteadyCampaign
{
    private SteadyCampaign()
    {
    }

    /**
     * Runs one campaign.
     *
     * @param args see the class description
     * @throws IOException          when a JVM cannot be started or the file cannot be written
     * @throws InterruptedException when interrupted
     */
    public static void main(final String[] args) throws IOException, InterruptedException
    {
        final Map<String, String> opt = options(args);
        final Path out = Path.of(require(opt, "out"));
        final String java = opt.getOrDefault("java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString());
        final int jvms = Integer.parseInt(opt.getOrDefault("jvms", "30"));
        final boolean loaded = "loaded".equals(opt.getOrDefault("load", "idle"));
        final int hogThreads = loaded ? Integer.parseInt(opt.getOrDefault("hog-threads",
            Integer.toString(Runtime.getRuntime().availableProcessors()))) : 0;
        final String[] sections = opt.getOrDefault("sections", "lesson,train,gemm2t").split(",");
        final int scalarJvms = Integer.parseInt(opt.getOrDefault("scalar-jvms", "10"));

        final Stability.Campaign campaign = new Stability.Campaign(javaVersion(java), java,
            loaded ? "loaded" : "idle", hogThreads, jvms, Instant.now().toString());
        final Process hog = loaded ? Hog.start(java, hogThreads) : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            if (hog != null)
            {
                hog.destroyForcibly();
            }
        }));
        try
        {
            for (int i = 0; i < jvms; i++)
            {
                for (final String section : sections)
                {
                    probe(java, section, true, campaign);
                }
                System.out.println("campaign " + campaign.load() + " " + campaign.javaVersion() + ": JVM " + (i + 1) +
                    " of " + jvms + " done");
            }
            if (List.of(sections).contains("train"))
            {
                for (int i = 0; i < scalarJvms; i++)
                {
                    probe(java, "train", false, campaign);
                }
            }
        }
        finally
        {
            if (hog != null)
            {
                hog.destroyForcibly();
                hog.waitFor(10, TimeUnit.SECONDS);
            }
        }
        final Stability stability = Stability.read(out);
        stability.put(campaign);
        stability.write(out);
        final String md = Stability.markdown(List.of(campaign));
        System.out.println(md);
        System.out.println("wrote " + out);
        System.exit(Stability.failures(campaign).isEmpty() ? 0 : 1);
    }

    /** Runs one fresh probe JVM and adds its results. */
    private static void probe(final String java, final String section, final boolean vector,
        final Stability.Campaign campaign) throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseParallelGC", "-Xms2g", "-Xmx2g",
            "--add-modules=jdk.incubator.vector", "-Dvecnum.threads=" + ("gemm2t".equals(section) ? 2 : 1)));
        if (!vector)
        {
            cmd.add("-Dvecnum.vector=false");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SteadyProbe.class.getName(), section));
        final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = r.readLine()) != null)
            {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0)
        {
            throw new IOException("probe JVM failed (exit " + p.exitValue() + "): " + String.join(" ", cmd));
        }
        int results = 0;
        for (final String line : lines)
        {
            final String[] f = line.split("\t");
            if (f.length == 7 && "RESULT".equals(f[0]))
            {
                campaign.add(vector ? f[1] : f[1] + "-scalar", f[2], Double.parseDouble(f[3]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]));
                results++;
            }
        }
        if (results == 0)
        {
            throw new IOException("probe JVM printed no results: " + String.join(" ", cmd));
        }
    }

    private static String javaVersion(final String java) throws IOException, InterruptedException
    {
        final Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true)
            .start();
        String version = "unknown";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = r.readLine()) != null)
            {
                final String t = line.trim();
                if (t.startsWith("java.runtime.version = "))
                {
                    version = t.substring("java.runtime.version = ".length());
                }
            }
        }
        p.waitFor();
        return version;
    }

    private static Map<String, String> options(final String[] args)
    {
        final Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                System.err.println("usage: SteadyCampaign --out FILE [--java PATH] [--jvms N] [--load idle|loaded] " +
                    "[--hog-threads N] [--sections lesson,train,gemm2t] [--scalar-jvms N]");
                System.exit(2);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        return opt;
    }

    private static String require(final Map<String, String> opt, final String key)
    {
        final String v = opt.get(key);
        if (v == null)
        {
            System.err.println("SteadyCampaign: --" + key + " is required");
            System.exit(2);
        }
        return v;
    }
}
