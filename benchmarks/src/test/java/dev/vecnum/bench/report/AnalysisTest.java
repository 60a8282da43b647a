package dev.vecnum.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisTest
{
    static Path sample() throws URISyntaxException
    {
        return Path.of(AnalysisTest.class.getResource("/sample-jmh.json").toURI());
    }

    static Analysis analyse(final boolean best) throws Exception
    {
        return new Analysis(JmhResult.read(sample()), best);
    }

    private static Row row(final Analysis a, final String group, final String kernel, final String variant,
        final String point)
    {
        return a.rows().stream()
            .filter(r -> r.group.equals(group) && r.kernel.equals(kernel) && r.variant.equals(variant) &&
                r.point.equals(point))
            .findFirst().orElseThrow(() -> new AssertionError("no row " + kernel + " " + variant + " " + point));
    }

    @Test
    void shouldParseJmhJson() throws Exception
    {
        final List<JmhResult> results = JmhResult.read(sample());
        assertEquals(20, results.size());
        final JmhResult peak = results.get(0);
        assertEquals("MachineLimitsBenchmark", peak.className());
        assertEquals("fmaPeak", peak.method());
        assertEquals(100e9, peak.secondary("flop"), 1);
        assertEquals(105e9, peak.secondaryBest("flop"), 1);
        assertEquals(110000.0, peak.best(), 1e-6);
        final JmhResult lesson = results.stream().filter(r -> r.unit().equals("ns/op")).findFirst().orElseThrow();
        assertEquals(16, lesson.intParam("batch"));
        // time units: the best iteration is the shortest
        assertEquals(18.0, lesson.best(), 1e-9);
        // the middle-dot prefix of older JMH profiler metrics is dropped
        final JmhResult train = results.get(results.size() - 2);
        assertEquals(0.001, train.secondary("gc.alloc.rate.norm"), 1e-12);
        assertTrue(Double.isNaN(train.secondary("nothing")));
    }

    @Test
    void shouldRejectNonJmhJson(@TempDir final Path dir) throws Exception
    {
        final Path f = dir.resolve("x.json");
        Files.writeString(f, "{\"not\": \"an array\"}");
        assertThrows(java.io.IOException.class, () -> JmhResult.read(f));
    }

    @Test
    void shouldConvertUnitsToOpsPerSecond()
    {
        assertEquals(5e7, Analysis.opsPerSecond(result(20, "ns/op")), 1e-3);
        assertEquals(2e3, Analysis.opsPerSecond(result(2, "ops/ms")), 1e-9);
        assertEquals(4, Analysis.opsPerSecond(result(0.25, "s/op")), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Analysis.opsPerSecond(result(1, "furlongs")));
    }

    @Test
    void shouldReportLayerProductsAndLabelAPinnedOpenBlas()
    {
        final Map<String, String> fwd1 = Map.of("batch", "32", "product", "forward");
        final Map<String, String> peer1 = Map.of("batch", "32", "product", "forward", "threads", "1");
        final Map<String, String> peer2 = Map.of("batch", "32", "product", "forward", "threads", "2");
        final List<JmhResult> results = List.of(
            new JmhResult("MachineLimitsBenchmark", "fmaPeak", 1, Map.of(), 1, 0, "ops/s", Map.of("flop", 100e9)),
            new JmhResult("MachineLimitsBenchmark", "fmaPeakAllThreads", 2, Map.of(), 1, 0, "ops/s",
                Map.of("flop", 200e9)),
            new JmhResult("GemmSizesBenchmark", "layer", 1, fwd1, 6000, 0, "ops/s", Map.of()),
            new JmhResult("GemmSizesBenchmark", "layer2t", 1, fwd1, 9000, 0, "ops/s", Map.of()),
            new JmhResult("OpenBlasPeerBenchmark", "layer", 1, peer1, 3000, 0, "ops/s",
                Map.of("unavailable", 0.0, "pinned", 0.0)),
            new JmhResult("OpenBlasPeerBenchmark", "layer", 1, peer2, 4500, 0, "ops/s",
                Map.of("unavailable", 0.0, "pinned", 4500.0)));
        final Analysis a = new Analysis(results, false);
        final String kernel = "layer forward 32×784·784×256";
        final Row one = row(a, Analysis.GEMM, kernel, "vecnum 1t", "batch=32");
        final double flop = 2.0 * 32 * 784 * 256;
        assertEquals(flop * 6000 / 1e9, one.value, 1e-9);
        assertEquals(flop * 6000 / 100e9, one.ofLimit, 1e-12);
        assertEquals(2.0, one.peers.get("OpenBLAS"), 1e-12);
        assertEquals("gemm.layer.forward.1t.b32", one.key);
        // the two-thread peer ran pinned: its own column and label, never the plain OpenBLAS comparison
        final Row two = row(a, Analysis.GEMM, kernel, "vecnum 2t", "batch=32");
        assertEquals(2.0, two.peers.get("OpenBLAS PINNED"), 1e-12);
        assertFalse(two.peers.containsKey("OpenBLAS"));
        row(a, Analysis.GEMM, kernel, "OpenBLAS 2t PINNED", "batch=32");
        row(a, Analysis.GEMM, kernel, "OpenBLAS 1t", "batch=32");
        assertTrue(Markdown.report(a).contains("vs OpenBLAS PINNED"));
        assertEquals("784×128·128×256", Analysis.layerShape("gradW", 128));
        assertEquals("512×256·256×784", Analysis.layerShape("gradX", 512));
    }

    @Test
    void shouldDescribeTheRecordedOpenBlasBesideTheResult(@TempDir final Path dir) throws Exception
    {
        final Path json = dir.resolve("jmh-result.json");
        assertEquals(null, OpenBlasRecord.describe(json));
        Files.writeString(dir.resolve(OpenBlasRecord.FILE),
            "corename=Zen\nconfig=OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=128\npinned=\n");
        final String own = OpenBlasRecord.describe(json);
        assertTrue(own.contains("`openblas_get_corename()` = Zen"), own);
        assertTrue(own.contains("DYNAMIC_ARCH"), own);
        assertTrue(own.contains("own CPU detection"), own);
        Files.writeString(dir.resolve(OpenBlasRecord.FILE),
            "corename=Haswell\nconfig=x\npinned=OPENBLAS_CORETYPE=Haswell OPENBLAS_L2_SIZE=512\n");
        final String pinned = OpenBlasRecord.describe(json);
        assertTrue(pinned.contains("**PINNED** by OPENBLAS_CORETYPE=Haswell OPENBLAS_L2_SIZE=512"), pinned);
    }

    private static JmhResult result(final double score, final String unit)
    {
        return new JmhResult("X", "m", 1, Map.of(), score, 0, unit, Map.of());
    }

    @Test
    void shouldReadMachineLimits() throws Exception
    {
        final Analysis a = analyse(false);
        assertEquals(100e9, a.peak1(), 1);
        assertEquals(190e9, a.peakAll(), 1);
        // 100000 ops/s · 12 B · 65536
        assertEquals(100000.0 * 12 * 65536, a.triad().get(12L * 65536), 1);
        assertEquals(2000.0 * 12 * 1048576, a.triad().get(12L * 1048576), 1);
    }

    @Test
    void shouldRelateGemmToPeakAndPeers() throws Exception
    {
        final Analysis a = analyse(false);
        final Row one = row(a, Analysis.GEMM, "matmul", "vecnum 1t", "n=256");
        final double gflops = 2.0 * 256 * 256 * 256 * 500 / 1e9;
        assertEquals(gflops, one.value, 1e-9);
        assertEquals(gflops / 100, one.ofLimit, 1e-12);
        assertEquals(10.0, one.peers.get("scalar"), 1e-12);
        assertEquals(2.0, one.peers.get("EJML"), 1e-12);
        assertEquals(0.5, one.peers.get("OpenBLAS"), 1e-12);
        // against the micro-kernel ceiling (80 GFLOP/s in the sample), two threads against twice that
        assertEquals(gflops / 80, one.peers.get("micro-kernel"), 1e-12);
        assertEquals(2.0 * 256 * 256 * 256 * 900 / 160e9,
            row(a, Analysis.GEMM, "matmul", "vecnum 2t", "n=256").peers.get("micro-kernel"), 1e-12);
        final Row ceiling = row(a, Analysis.MACHINE, "GEMM micro-kernel, cache-resident", "1 thread", "");
        assertEquals(80.0, ceiling.value, 1e-9);
        assertEquals(0.8, ceiling.ofLimit, 1e-12);
        final Row two = row(a, Analysis.GEMM, "matmul", "vecnum 2t", "n=256");
        // two threads against the all-threads peak; no 2-thread OpenBLAS: it could not load in this sample
        assertEquals(2.0 * 256 * 256 * 256 * 900 / 190e9, two.ofLimit, 1e-12);
        assertTrue(Double.isNaN(two.peers.get("OpenBLAS")));
        assertTrue(a.rows().stream().noneMatch(r -> r.variant.equals("OpenBLAS 2t")));
        assertEquals(2.0 * 256 * 256 * 256 * 1000 / 1e9, row(a, Analysis.GEMM, "matmul", "OpenBLAS 1t", "n=256").value,
            1e-9);
    }

    @Test
    void shouldRelateLessonShapesToScalarAndNumpy() throws Exception
    {
        final Analysis a = analyse(false);
        final Row mm = row(a, Analysis.LESSON, "matmul", "vecnum", "batch=16");
        assertEquals(20.0, mm.value, 1e-9);
        assertEquals(16 / 20e-9 / 1e6, mm.value2, 1e-6);
        assertEquals(4.0, mm.peers.get("scalar"), 1e-12);
        // numpy 0.92 µs per call at batch 16
        assertEquals(920.0 / 20.0, mm.peers.get("numpy"), 1e-9);
        assertEquals(2.0 * 16 * 100 / 20e-9 / 100e9, mm.ofLimit, 1e-12);
        final Row mask = row(a, Analysis.LESSON, "mask", "vecnum", "batch=256");
        assertEquals(4.0, mask.peers.get("scalar"), 1e-12);
        // 12 B · 2560 elements = 30 KiB: nearest triad is the 768 KiB one
        assertEquals(1e6 * 12 * 2560 / (100000.0 * 12 * 65536), mask.ofLimit, 1e-12);
        assertEquals("triad 768 KiB", mask.limitName);
    }

    @Test
    void shouldRelateOptimizersToTriadAndTorch() throws Exception
    {
        final Analysis a = analyse(false);
        final Row adamw = row(a, Analysis.OPTIM, "adamw", "vecnum", "floats=1000000");
        assertEquals(0.8, adamw.value, 1e-12);
        // 28 B per element against the 12 MiB triad (nearest to its 16 MB working set)
        assertEquals(0.8e9 * 28 / (2000.0 * 12 * 1048576), adamw.ofLimit, 1e-12);
        assertEquals(2.0, adamw.peers.get("scalar"), 1e-12);
        assertEquals(0.8 / 0.7, adamw.peers.get("torch"), 1e-12);
        // 800 steps/s against 1000 passes/s of the same-traffic loop
        assertEquals(0.8, adamw.peers.get("traffic"), 1e-12);
        assertEquals(1.0, row(a, Analysis.OPTIM, "adamw", "same-traffic loop", "floats=1000000").value, 1e-12);
        assertEquals(0.0, adamw.allocBytesPerOp, 0);
    }

    @Test
    void shouldNameGateMetrics() throws Exception
    {
        final Map<String, Double> m = analyse(false).metrics();
        assertEquals(10.0, m.get("gemm.matmul.1t.n256.vs_scalar"), 1e-12);
        assertEquals(4.0, m.get("lesson.matmul.b16.vs_scalar"), 1e-12);
        assertEquals(4.0, m.get("train.step.b16.vs_scalar"), 1e-12);
        assertTrue(m.containsKey("optim.adamw.n1000000.of_limit"));
        assertFalse(m.containsKey("gemm.matmul.2t.n256.vs_openblas"), "NaN peers are not metrics");
        assertFalse(m.keySet().stream().anyMatch(k -> k.startsWith("machine")));
    }

    @Test
    void shouldUseBestIterationsWhenAsked() throws Exception
    {
        final Map<String, Double> m = analyse(true).metrics();
        // ns/op: best 18 vs scalar best 72 → still 4×; rates: best = 1.1 × score for both sides
        assertEquals(4.0, m.get("lesson.matmul.b16.vs_scalar"), 1e-12);
        // GEMM against the best peak iteration (105 GFLOP/s)
        assertEquals(2.0 * 256 * 256 * 256 * 550 / 105e9, m.get("gemm.matmul.1t.n256.of_limit"), 1e-12);
    }

    @Test
    void shouldRenderMarkdownAndPlots(@TempDir final Path dir) throws Exception
    {
        final Analysis a = analyse(false);
        final String md = Markdown.report(a);
        assertTrue(md.contains("In-run limits: FMA peak 100 GFLOP/s (1 thread), 190 GFLOP/s (all threads)"), md);
        assertTrue(md.contains("| matmul | vecnum 1t | n=256 | 16.8 | 16.8% peak 1 thread | 10.0× | 2.00× | 0.500× | 0.210× |"),
            md);
        assertTrue(md.contains("| matmul | vecnum | batch=16 | 20.0 | 800 | 160.0% peak 1 thread | 4.00× | 46.0× |"),
            md);
        final List<Path> files = Plots.write(a, dir);
        assertTrue(files.contains(dir.resolve("gemm-matmul.png")));
        assertTrue(files.contains(dir.resolve("lesson-throughput.png")));
        for (final Path f : files)
        {
            assertTrue(Files.size(f) > 1000, f + " is not a real PNG");
        }
    }
}
