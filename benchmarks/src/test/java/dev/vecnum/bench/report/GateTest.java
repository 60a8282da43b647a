package dev.vecnum.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateTest
{
    private static final String BASELINE = String.join("\n",
        "# comment kept",
        "a.of_limit 0.80 0.15",
        "b.vs_scalar 4.0",
        "c.vs_scalar 2.0 0.25",
        "");

    @Test
    void shouldParseBaselineWithDefaultTolerance()
    {
        final Baseline b = Baseline.parse(BASELINE);
        assertEquals(3, b.entries().size());
        assertEquals(Baseline.DEFAULT_TOLERANCE, b.entries().get("b.vs_scalar").tolerance, 0);
        assertEquals(0.25, b.entries().get("c.vs_scalar").tolerance, 0);
    }

    @Test
    void shouldRejectMalformedBaselineNamingTheLine()
    {
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> Baseline.parse("# x\na 1 0.1\nb oops\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("a 1 1.5\n"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("a 0 0.1\n"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("a 1\na 2\n"));
    }

    @Test
    void shouldPassWithinTolerance()
    {
        final List<Gate.Check> checks = Gate.compare(Baseline.parse(BASELINE),
            Map.of("a.of_limit", 0.70, "b.vs_scalar", 4.5, "c.vs_scalar", 1.55));
        assertFalse(Gate.failed(checks));
        checks.forEach(c -> assertEquals(Gate.Status.OK, c.status(), c.metric()));
    }

    @Test
    void shouldFailOnDropBeyondToleranceOnly()
    {
        // a: 0.80 · 0.85 = 0.68 is the floor; c: 2.0 · 0.75 = 1.5
        final List<Gate.Check> checks = Gate.compare(Baseline.parse(BASELINE),
            Map.of("a.of_limit", 0.67, "b.vs_scalar", 3.41, "c.vs_scalar", 1.49));
        assertTrue(Gate.failed(checks));
        assertEquals(Gate.Status.REGRESSED, checks.get(0).status());
        assertEquals(Gate.Status.OK, checks.get(1).status());
        assertEquals(Gate.Status.REGRESSED, checks.get(2).status());
        assertEquals(0.67 / 0.80 - 1, checks.get(0).change(), 1e-12);
        final String table = Gate.table(checks, true);
        assertTrue(table.contains("| a.of_limit | 0.8000 | 0.6700 | -16.2% | 15% | REGRESSED |"), table);
        assertFalse(table.contains("b.vs_scalar"), table);
    }

    @Test
    void shouldFailWhenABaselineMetricIsNotMeasured()
    {
        final List<Gate.Check> checks = Gate.compare(Baseline.parse(BASELINE),
            Map.of("a.of_limit", 0.8, "b.vs_scalar", 4.0));
        assertTrue(Gate.failed(checks));
        assertEquals(Gate.Status.MISSING, checks.get(2).status());
    }

    @Test
    void shouldReportImprovementsWithoutFailing()
    {
        final List<Gate.Check> checks = Gate.compare(Baseline.parse(BASELINE),
            Map.of("a.of_limit", 0.95, "b.vs_scalar", 4.0, "c.vs_scalar", 2.0));
        assertFalse(Gate.failed(checks));
        assertEquals(Gate.Status.IMPROVED, checks.get(0).status());
    }

    @Test
    void shouldUpdateValuesKeepingCommentsAndTolerances()
    {
        final String updated = Baseline.parse(BASELINE).updated(Map.of("a.of_limit", 0.9123456, "x.other", 7.0));
        assertTrue(updated.startsWith("# comment kept\n"), updated);
        final Baseline b = Baseline.parse(updated);
        assertEquals(0.9123, b.entries().get("a.of_limit").value, 1e-9);
        assertEquals(0.15, b.entries().get("a.of_limit").tolerance, 0);
        assertEquals(4.0, b.entries().get("b.vs_scalar").value, 0);
        assertEquals(0.25, b.entries().get("c.vs_scalar").tolerance, 0);
        assertFalse(b.entries().containsKey("x.other"));
    }

    @Test
    void shouldExitNonZeroOnTheSampleRunWhenTheBaselineIsHigher(@TempDir final Path dir) throws Exception
    {
        final Path json = AnalysisTest.sample();
        final Path baseline = dir.resolve("baseline.txt");
        // the sample's best-iteration ratios: lesson matmul 4× scalar, train step 4×
        Files.writeString(baseline, "lesson.matmul.b16.vs_scalar 4.0\ntrain.step.b16.vs_scalar 4.1\n");
        assertEquals(0, Gate.run(json, baseline, dir.resolve("out"), false));
        assertTrue(Files.exists(dir.resolve("out/gate.md")));
        // a kernel that got 3× slower relative to its scalar peer: the gate must fail
        Files.writeString(baseline, "lesson.matmul.b16.vs_scalar 12.0\ntrain.step.b16.vs_scalar 4.0\n");
        assertEquals(1, Gate.run(json, baseline, dir.resolve("out"), false));
        assertTrue(Files.readString(dir.resolve("out/gate.md")).contains("REGRESSED"));
    }

    @Test
    void shouldRewriteTheBaselineOnUpdate(@TempDir final Path dir) throws Exception
    {
        final Path baseline = dir.resolve("baseline.txt");
        Files.writeString(baseline, "# keep\nlesson.matmul.b16.vs_scalar 12.0 0.2\n");
        assertEquals(0, Gate.run(AnalysisTest.sample(), baseline, dir.resolve("out"), true));
        final Baseline b = Baseline.read(baseline);
        assertEquals(4.0, b.entries().get("lesson.matmul.b16.vs_scalar").value, 1e-9);
        assertEquals(0.2, b.entries().get("lesson.matmul.b16.vs_scalar").tolerance, 0);
        assertTrue(Files.readString(baseline).startsWith("# keep\n"));
    }
}
