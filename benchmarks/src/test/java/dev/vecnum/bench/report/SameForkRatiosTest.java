package dev.vecnum.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SameForkRatiosTest
{
    /** One same-fork result: two forks of three iterations (kernel 100 ns per call; reference 300, 290, 400 / 150…). */
    private static final String JSON = "[{\"benchmark\": \"dev.vecnum.bench.SameForkBenchmark.compare\", " +
        "\"params\": {\"check\": \"lesson.matmul.b16.vs_scalar\"}, \"primaryMetric\": {\"score\": 1, " +
        "\"scoreUnit\": \"ops/s\", \"rawData\": [[1, 1, 1], [1, 1, 1]]}, \"secondaryMetrics\": {" +
        "\"kernelNs\": {\"score\": 0, \"rawData\": [[1000, 1000, 2000], [1000, 1000, 1000]]}," +
        "\"kernelWork\": {\"score\": 0, \"rawData\": [[10, 10, 20], [10, 10, 10]]}," +
        "\"referenceNs\": {\"score\": 0, \"rawData\": [[3000, 2900, 4000], [1500, 1600, 1400]]}," +
        "\"referenceWork\": {\"score\": 0, \"rawData\": [[10, 10, 10], [10, 10, 10]]}}}," +
        "{\"benchmark\": \"dev.vecnum.bench.SameForkBenchmark.compare\", " +
        "\"params\": {\"check\": \"gemm.matmul.1t.n256.of_limit\"}, \"primaryMetric\": {\"score\": 1, " +
        "\"scoreUnit\": \"ops/s\", \"rawData\": [[1, 1]]}, \"secondaryMetrics\": {" +
        "\"kernelNs\": {\"score\": 0, \"rawData\": [[1000, 1000]]}," +
        "\"kernelWork\": {\"score\": 0, \"rawData\": [[60, 80]]}," +
        "\"referenceNs\": {\"score\": 0, \"rawData\": [[1000, 1000]]}," +
        "\"referenceWork\": {\"score\": 0, \"rawData\": [[100, 100]]}}}]";

    @Test
    void shouldTakeTheBestForksMedianIterationRatio(@TempDir final Path dir) throws Exception
    {
        final Path file = Files.writeString(dir.resolve("r.json"), JSON);
        final Analysis analysis = new Analysis(JmhResult.read(file), true);
        final List<SameForkRatios.Ratio> ratios = analysis.sameFork().ratios();
        assertEquals(2, ratios.size());
        // fork 1: 3.0, 2.9, 4.0 → median 3.0; fork 2: 1.5, 1.6, 1.4 → 1.5; the metric is the better fork's
        assertEquals(3.0, ratios.get(0).value(), 1e-12);
        assertEquals(3.0, analysis.metrics().get("lesson.matmul.b16.vs_scalar"), 1e-12);
        // work-weighted: 60 and 80 FLOP against 100 in the same time → 0.6, 0.8, median 0.7
        assertEquals(0.7, analysis.metrics().get("gemm.matmul.1t.n256.of_limit"), 1e-12);
        final String table = analysis.sameFork().table();
        assertTrue(table.contains("| lesson.matmul.b16.vs_scalar | 3.00 | 3.00, 1.50 | 1.40 – 4.00 |"), table);
        assertTrue(Markdown.report(analysis).contains("### Same-fork ratios"));
    }
}
