package dev.vecnum.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Turns one JMH run into report rows and gate metrics. Every ratio uses results from the same run: GEMM and lesson
 * matmuls against the in-run FMA peak, optimizers and element-wise kernels against the in-run triad bandwidth at the
 * triad working set nearest theirs, speedups against the scalar reference, EJML and OpenBLAS measured
 * in the same run, plus fixed external references quoted in the issues (numpy matmul per call, torch AdamW).
 */
public final class Analysis
{
    /** numpy b×10·10×10 matmul, µs per call on this machine (issue 5). */
    static final Map<Integer, Double> NUMPY_MATMUL_US = Map.of(
        1, 0.92, 4, 0.92, 16, 0.92, 64, 1.16, 256, 1.79, 1024, 4.26);
    /** torch.optim.AdamW, one thread, Gelem/s on this machine (issue 3). */
    static final Map<Integer, Double> TORCH_ADAMW_GELEM = Map.of(1_000_000, 0.7, 16_000_000, 0.19);

    /** Inputs and outputs of the dense layer whose products GemmSizesBenchmark.layer* measures. */
    static final int LAYER_IN = 784;
    static final int LAYER_OUT = 256;

    static final String MACHINE = "Machine limits";
    static final String GEMM = "GEMM";
    static final String LESSON = "Lesson shapes";
    static final String OPTIM = "Optimizers";
    static final String TRAIN = "Training step";

    private final Map<String, JmhResult> index = new HashMap<>();
    private final List<JmhResult> results;
    private final List<Row> rows = new ArrayList<>();
    private final NavigableMap<Long, Double> triadBytesPerSecond = new TreeMap<>();
    private final boolean bestIteration;
    private final SameForkRatios sameFork;
    private double peak1 = Double.NaN;
    private double microKernel = Double.NaN;
    private double peakAll = Double.NaN;

    /**
     * Analyses one run with JMH's scores (mean over measurement iterations), as the report shows them.
     *
     * @param results the run's JMH results
     */
    public Analysis(final List<JmhResult> results)
    {
        this(results, false);
    }

    /**
     * Analyses one run.
     *
     * @param results       the run's JMH results
     * @param bestIteration use each benchmark's best measurement iteration instead of the mean (the gate's choice:
     *                      robust against other processes on a shared machine)
     */
    public Analysis(final List<JmhResult> results, final boolean bestIteration)
    {
        this.results = results;
        this.bestIteration = bestIteration;
        for (final JmhResult r : results)
        {
            index.put(id(r.className(), r.method(), r.params()), r);
        }
        machine();
        gemm();
        lesson();
        optimizers();
        train();
        sameFork = SameForkRatios.of(results);
    }

    /** @return report rows in section order */
    public List<Row> rows()
    {
        return Collections.unmodifiableList(rows);
    }

    /** @return the ratios measured by {@code SameForkBenchmark} (kernel and reference in one fork) */
    public SameForkRatios sameFork()
    {
        return sameFork;
    }

    /** @return in-run one-thread FMA peak, FLOP/s (NaN when not measured) */
    public double peak1()
    {
        return peak1;
    }

    /** @return in-run all-threads FMA peak, FLOP/s */
    public double peakAll()
    {
        return peakAll;
    }

    /** @return triad bandwidth, B/s, by working set in bytes */
    public NavigableMap<Long, Double> triad()
    {
        return Collections.unmodifiableNavigableMap(triadBytesPerSecond);
    }

    /**
     * The ratios the gate can check, named {@code <row key>.of_limit} and {@code <row key>.vs_<peer>}, then the
     * same-fork ratios under their own names (which replace a separate-fork ratio of the same name); all are
     * "higher is better" and dimensionless.
     *
     * @return metric name → value, in row order
     */
    public Map<String, Double> metrics()
    {
        final Map<String, Double> m = new LinkedHashMap<>();
        for (final Row row : rows)
        {
            if (row.key == null)
            {
                continue;
            }
            if (Double.isFinite(row.ofLimit))
            {
                m.put(row.key + ".of_limit", row.ofLimit);
            }
            for (final Map.Entry<String, Double> e : row.peers.entrySet())
            {
                if (Double.isFinite(e.getValue()))
                {
                    m.put(row.key + ".vs_" + e.getKey().toLowerCase(Locale.ROOT), e.getValue());
                }
            }
        }
        for (final SameForkRatios.Ratio r : sameFork.ratios())
        {
            if (Double.isFinite(r.value()))
            {
                m.put(r.metric(), r.value());
            }
        }
        return m;
    }

    /**
     * Operations per second of a result whatever mode/unit it was run in.
     *
     * @param r a result
     * @return ops/s
     */
    static double opsPerSecond(final JmhResult r)
    {
        return opsPerSecond(r.unit(), r.score(), r);
    }

    private double ops(final JmhResult r)
    {
        return bestIteration ? opsPerSecond(r.unit(), r.best(), r) : opsPerSecond(r);
    }

    private double flop(final JmhResult r)
    {
        return bestIteration ? r.secondaryBest("flop") : r.secondary("flop");
    }

    private static double opsPerSecond(final String unit, final double s, final JmhResult r)
    {
        switch (unit)
        {
            case "ops/s": return s;
            case "ops/ms": return s * 1e3;
            case "ops/us": return s * 1e6;
            case "ops/ns": return s * 1e9;
            case "s/op": return 1 / s;
            case "ms/op": return 1e3 / s;
            case "us/op": return 1e6 / s;
            case "ns/op": return 1e9 / s;
            default: throw new IllegalArgumentException(r + ": unsupported score unit " + unit);
        }
    }

    /** Triad bandwidth for a working set: the measured triad whose working set is nearest on a log scale. */
    double triadFor(final long workingSetBytes)
    {
        final Long ws = nearestTriad(workingSetBytes);
        return ws == null ? Double.NaN : triadBytesPerSecond.get(ws);
    }

    String triadNameFor(final long workingSetBytes)
    {
        final Long ws = nearestTriad(workingSetBytes);
        return ws == null ? "triad (not measured)" : "triad " + bytes(ws);
    }

    private Long nearestTriad(final long workingSetBytes)
    {
        Long best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (final Long ws : triadBytesPerSecond.keySet())
        {
            final double d = Math.abs(Math.log((double) ws / Math.max(1, workingSetBytes)));
            if (d < bestDistance)
            {
                bestDistance = d;
                best = ws;
            }
        }
        return best;
    }

    static String bytes(final long b)
    {
        if (b >= 1L << 30)
        {
            return (b >> 30) + " GiB";
        }
        if (b >= 1L << 20)
        {
            return (b >> 20) + " MiB";
        }
        return (b >> 10) + " KiB";
    }

    private static String id(final String cls, final String method, final Map<String, String> params)
    {
        return cls + "." + method + new TreeMap<>(params);
    }

    private JmhResult find(final String cls, final String method, final Map<String, String> params)
    {
        final JmhResult r = index.get(id(cls, method, params));
        if (r != null && "OpenBlasPeerBenchmark".equals(cls) && r.secondary("unavailable") > 0)
        {
            return null;
        }
        return r;
    }

    private JmhResult find(final String cls, final String method, final String p, final int v)
    {
        return find(cls, method, Map.of(p, Integer.toString(v)));
    }

    private double ratio(final JmhResult ours, final JmhResult peer)
    {
        return peer == null ? Double.NaN : ops(ours) / ops(peer);
    }

    private void machine()
    {
        for (final JmhResult r : resultsOf("MachineLimitsBenchmark"))
        {
            switch (r.method())
            {
                case "fmaPeak":
                case "fmaPeakAllThreads":
                {
                    final double flops = flop(r);
                    final boolean all = "fmaPeakAllThreads".equals(r.method());
                    if (all)
                    {
                        peakAll = flops;
                    }
                    else
                    {
                        peak1 = flops;
                    }
                    rows.add(new Row(MACHINE, "FMA peak", all ? r.threads() + " threads" : "1 thread", "", 0,
                        flops / 1e9, "GFLOP/s", Double.NaN, "", Double.NaN, "", Map.of(), Double.NaN, null));
                    break;
                }
                case "triad":
                {
                    final long floats = r.intParam("triadFloats");
                    final long ws = 12 * floats;
                    final double bps = ops(r) * ws;
                    triadBytesPerSecond.put(ws, bps);
                    rows.add(new Row(MACHINE, "triad", "1 thread", "working set " + bytes(ws), ws,
                        bps / 1e9, "GB/s", Double.NaN, "", Double.NaN, "", Map.of(), Double.NaN, null));
                    break;
                }
                default:
                    break;
            }
        }
        for (final JmhResult r : resultsOf("MicroKernelCeilingBenchmark"))
        {
            microKernel = flop(r);
            rows.add(new Row(MACHINE, "GEMM micro-kernel, cache-resident", "1 thread", "", 0, microKernel / 1e9,
                "GFLOP/s", Double.NaN, "", microKernel / peak1, "peak 1 thread", Map.of(), Double.NaN, null));
        }
    }

    private void gemm()
    {
        for (final JmhResult r : results)
        {
            final String cls = r.className();
            final boolean ours = "GemmSizesBenchmark".equals(cls);
            if (!ours && !"EjmlPeerBenchmark".equals(cls) && !"OpenBlasPeerBenchmark".equals(cls))
            {
                continue;
            }
            final String m = r.method();
            final boolean scalar = m.endsWith("Scalar");
            final boolean twoThreads = ours ? m.endsWith("2t") : "2".equals(r.params().get("threads"));
            final String form = m.replace("Scalar", "").replace("2t", "");
            if ("OpenBlasPeerBenchmark".equals(cls) && find(cls, m, r.params()) == null)
            {
                continue;
            }
            final String variant;
            if (ours)
            {
                variant = scalar ? "scalar" : twoThreads ? "vecnum 2t" : "vecnum 1t";
            }
            else
            {
                variant = "EjmlPeerBenchmark".equals(cls) ? "EJML" :
                    (twoThreads ? "OpenBLAS 2t" : "OpenBLAS 1t") + (pinned(r) ? " PINNED" : "");
            }
            if ("layer".equals(form))
            {
                layerRow(r, ours, twoThreads, variant);
                continue;
            }
            final int n = r.intParam("n");
            final double gflops = 2.0 * n * n * n * ops(r) / 1e9;
            final double peak = twoThreads ? peakAll : peak1;
            final Map<String, Double> peers = new LinkedHashMap<>();
            String key = null;
            if (ours && !scalar)
            {
                peers.put("scalar", ratio(r, find(cls, form + "Scalar", "n", n)));
                peers.put("EJML", ratio(r, find("EjmlPeerBenchmark", form, "n", n)));
                putOpenBlas(peers, r, find("OpenBlasPeerBenchmark", form,
                    Map.of("n", Integer.toString(n), "threads", twoThreads ? "2" : "1")));
                // the micro-kernel on cache-resident panels: what packing and cache traffic leave of it
                peers.put("micro-kernel", gflops * 1e9 / (twoThreads ? 2 * microKernel : microKernel));
                key = "gemm." + form + (twoThreads ? ".2t" : ".1t") + ".n" + n;
            }
            rows.add(new Row(GEMM, form, variant, "n=" + n, n, gflops, "GFLOP/s", Double.NaN, "",
                gflops * 1e9 / peak, twoThreads ? "peak all threads" : "peak 1 thread", peers,
                r.secondary("gc.alloc.rate.norm"), key));
        }
    }

    /**
     * One product of the 784→256 dense layer (GemmSizesBenchmark.layer*, OpenBlasPeerBenchmark.layer): 2·b·784·256
     * FLOP per call whatever the product.
     */
    private void layerRow(final JmhResult r, final boolean ours, final boolean twoThreads, final String variant)
    {
        final int batch = r.intParam("batch");
        final String product = r.params().get("product");
        final double gflops = 2.0 * batch * LAYER_IN * LAYER_OUT * ops(r) / 1e9;
        final Map<String, Double> peers = new LinkedHashMap<>();
        String key = null;
        if (ours)
        {
            putOpenBlas(peers, r, find("OpenBlasPeerBenchmark", "layer", Map.of("batch", Integer.toString(batch),
                "product", product, "threads", twoThreads ? "2" : "1")));
            key = "gemm.layer." + product + (twoThreads ? ".2t" : ".1t") + ".b" + batch;
        }
        rows.add(new Row(GEMM, "layer " + product + " " + layerShape(product, batch), variant, "batch=" + batch,
            batch, gflops, "GFLOP/s", Double.NaN, "", gflops * 1e9 / (twoThreads ? peakAll : peak1),
            twoThreads ? "peak all threads" : "peak 1 thread", peers, r.secondary("gc.alloc.rate.norm"), key));
    }

    /** The dense layer's product as m×k·k×n. */
    static String layerShape(final String product, final int batch)
    {
        switch (product)
        {
            case "forward": return batch + "×" + LAYER_IN + "·" + LAYER_IN + "×" + LAYER_OUT;
            case "gradW": return LAYER_IN + "×" + batch + "·" + batch + "×" + LAYER_OUT;
            default: return batch + "×" + LAYER_OUT + "·" + LAYER_OUT + "×" + LAYER_IN;
        }
    }

    /**
     * The OpenBLAS speedup column; a peer measured with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE set gets its own
     * column, "OpenBLAS PINNED", so a pinned run is never compared as if it were OpenBLAS as its users get it.
     */
    private void putOpenBlas(final Map<String, Double> peers, final JmhResult ours, final JmhResult peer)
    {
        peers.put(peer != null && pinned(peer) ? "OpenBLAS PINNED" : "OpenBLAS", ratio(ours, peer));
    }

    /** Whether an OpenBLAS result was measured with the pinning variables set in its fork. */
    static boolean pinned(final JmhResult r)
    {
        return r.secondary("pinned") > 0;
    }

    /** FLOP per call of each lesson GEMM kernel, or 0 for memory-bound kernels. */
    static long lessonFlops(final String kernel, final long b)
    {
        switch (kernel)
        {
            case "forward1": return 2 * b * 3 * 10;
            case "forward2":
            case "matmul":
            case "gradW":
            case "gradX": return 2 * b * 10 * 10;
            case "forward3": return 2 * b * 10;
            default: return 0;
        }
    }

    /** Bytes per call each element-wise lesson kernel must move over b×10 values. */
    static long lessonBytes(final String kernel, final long b)
    {
        final long elems = 10 * b;
        switch (kernel)
        {
            case "mask": return 12 * elems;
            case "relu":
            case "heaviside": return 8 * elems;
            case "biasGrad": return 4 * elems;
            default: return 0;
        }
    }

    private void lesson()
    {
        for (final JmhResult r : resultsOf("LessonShapesBenchmark"))
        {
            final String m = r.method();
            final boolean scalar = m.endsWith("Scalar");
            final String kernel = m.replace("Scalar", "");
            final int b = r.intParam("batch");
            final double ops = ops(r);
            final long flops = lessonFlops(kernel, b);
            final long bytes = lessonBytes(kernel, b);
            final double ofLimit;
            final String limit;
            if (flops > 0)
            {
                ofLimit = flops * ops / peak1;
                limit = "peak 1 thread";
            }
            else
            {
                ofLimit = bytes * ops / triadFor(bytes);
                limit = triadNameFor(bytes);
            }
            final Map<String, Double> peers = new LinkedHashMap<>();
            String key = null;
            if (!scalar)
            {
                peers.put("scalar", ratio(r, find(r.className(), kernel + "Scalar", "batch", b)));
                final Double numpyUs = "matmul".equals(kernel) ? NUMPY_MATMUL_US.get(b) : null;
                peers.put("numpy", numpyUs == null ? Double.NaN : numpyUs * 1e-6 * ops);
                key = "lesson." + kernel + ".b" + b;
            }
            rows.add(new Row(LESSON, kernel, scalar ? "scalar" : "vecnum", "batch=" + b, b,
                1e9 / ops, "ns/call", b * ops / 1e6, "Msamples/s", ofLimit, limit, peers,
                r.secondary("gc.alloc.rate.norm"), key));
        }
    }

    /** Bytes each optimizer must move per parameter, and its working set per parameter. */
    static int[] optimizerBytes(final String kind)
    {
        switch (kind)
        {
            case "sgd": return new int[] {12, 8};
            case "momentum":
            case "nesterov": return new int[] {20, 12};
            case "adamw": return new int[] {28, 16};
            default: throw new IllegalArgumentException("unknown optimizer benchmark " + kind);
        }
    }

    private void optimizers()
    {
        for (final JmhResult r : resultsOf("OptimizerStepBenchmark"))
        {
            final String m = r.method();
            final boolean scalar = m.endsWith("Scalar");
            final boolean traffic = m.endsWith("Traffic");
            final String kind = m.replace("Scalar", "").replace("Traffic", "");
            final int n = r.intParam("floats");
            final double elemsPerSecond = n * ops(r);
            final int[] b = optimizerBytes(kind);
            final long ws = (long) b[1] * n;
            final Map<String, Double> peers = new LinkedHashMap<>();
            String key = null;
            if (!scalar && !traffic)
            {
                peers.put("scalar", ratio(r, find(r.className(), kind + "Scalar", "floats", n)));
                // the same reads and writes with one add each: 1.0 means bound by memory traffic
                peers.put("traffic", ratio(r, find(r.className(), kind + "Traffic", "floats", n)));
                final Double torch = "adamw".equals(kind) ? TORCH_ADAMW_GELEM.get(n) : null;
                peers.put("torch", torch == null ? Double.NaN : elemsPerSecond / 1e9 / torch);
                key = "optim." + kind + ".n" + n;
            }
            final String variant = scalar ? "scalar" : traffic ? "same-traffic loop" : "vecnum";
            rows.add(new Row(OPTIM, kind, variant, "floats=" + n, n,
                elemsPerSecond / 1e9, "Gelem/s", elemsPerSecond * b[0] / 1e9, "GB/s",
                elemsPerSecond * b[0] / triadFor(ws), triadNameFor(ws), peers,
                r.secondary("gc.alloc.rate.norm"), key));
        }
    }

    private void train()
    {
        for (final JmhResult r : resultsOf("TrainStepBenchmark"))
        {
            final String m = r.method();
            final boolean scalar = m.endsWith("Scalar");
            final String kernel = m.replace("Scalar", "");
            final int b = r.intParam("batch");
            final double ops = ops(r);
            final Map<String, Double> peers = new LinkedHashMap<>();
            String key = null;
            if (!scalar)
            {
                peers.put("scalar", ratio(r, find(r.className(), kernel + "Scalar", "batch", b)));
                key = "train." + kernel + ".b" + b;
            }
            rows.add(new Row(TRAIN, kernel, scalar ? "scalar" : "vecnum", "batch=" + b, b,
                b * ops / 1e6, "Msamples/s", 1e6 / ops, "µs/step", Double.NaN, "", peers,
                r.secondary("gc.alloc.rate.norm"), key));
        }
    }

    /** The results of one benchmark class, in run order. */
    private List<JmhResult> resultsOf(final String className)
    {
        final List<JmhResult> of = new ArrayList<>();
        for (final JmhResult r : results)
        {
            if (className.equals(r.className()))
            {
                of.add(r);
            }
        }
        return of;
    }
}
