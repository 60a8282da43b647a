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
        final String updated = Baseline.parse(BASELINE).updated(null, Map.of("a.of_limit", 0.9123456, "x.other", 7.0));
        assertTrue(updated.startsWith("# comment kept\n"), updated);
        final Baseline b = Baseline.parse(updated);
        assertEquals(0.9123, b.entries().get("a.of_limit").value, 1e-9);
        assertEquals(0.15, b.entries().get("a.of_limit").tolerance, 0);
        assertEquals(4.0, b.entries().get("b.vs_scalar").value, 0);
        assertEquals(0.25, b.entries().get("c.vs_scalar").tolerance, 0);
        assertFalse(b.entries().containsKey("x.other"));
    }

    private static final String MACHINES = String.join("\n",
        "# floors for every machine",
        "v.vs_scalar >= 1.0",
        "alloc.bytes <= 16",
        "[machine amd64 256-bit AuthenticAMD]",
        "v.vs_scalar 3.0 0.2",
        "[machine  amd64   512-bit GenuineIntel ]",
        "v.vs_scalar 6.0",
        "w.vs_scalar 2.0",
        "");

    @Test
    void shouldKeepOneSectionPerMachineAfterTheEveryMachineLines()
    {
        final Baseline b = Baseline.parse(MACHINES);
        assertEquals(List.of("amd64 256-bit AuthenticAMD", "amd64 512-bit GenuineIntel"), b.machines());
        assertTrue(b.hasMachine("amd64  512-bit GenuineIntel"));
        assertFalse(b.hasMachine("aarch64 128-bit unknown-vendor"));
        assertFalse(b.hasMachine(null));
        assertEquals(List.of("v.vs_scalar", "alloc.bytes", "v.vs_scalar"),
            b.entries("amd64 256-bit AuthenticAMD").stream().map(Baseline.Entry::metric).toList());
        assertEquals(List.of("v.vs_scalar", "alloc.bytes"),
            b.entries("aarch64 128-bit unknown-vendor").stream().map(Baseline.Entry::metric).toList());
        assertEquals(4, b.entries("amd64 512-bit GenuineIntel").size());
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("[machine x]\na 1\n[machine x]\n"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("[machine ]\n"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("[x86]\n"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("a >= \n"));
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("a >= NaN\n"));
    }

    @Test
    void shouldCheckBoundsAndTheMachineSection()
    {
        final Baseline b = Baseline.parse(MACHINES);
        final List<Gate.Check> amd = Gate.compare(b.entries("amd64 256-bit AuthenticAMD"),
            Map.of("v.vs_scalar", 2.5, "alloc.bytes", 0.0));
        assertFalse(Gate.failed(amd));
        // 2.39 is below 3.0 · 0.8; 0.99 is below the every-machine floor; 17 B is above the ceiling
        assertEquals(Gate.Status.REGRESSED, Gate.compare(b.entries("amd64 256-bit AuthenticAMD"),
            Map.of("v.vs_scalar", 2.39, "alloc.bytes", 0.0)).get(2).status());
        final List<Gate.Check> floors = Gate.compare(b.entries(null), Map.of("v.vs_scalar", 0.99, "alloc.bytes", 17.0));
        assertEquals(Gate.Status.REGRESSED, floors.get(0).status());
        assertEquals(Gate.Status.REGRESSED, floors.get(1).status());
        final String table = Gate.table(floors, true);
        assertTrue(table.contains("| v.vs_scalar | ≥ 1.00 | 0.9900 | — | bound | REGRESSED |"), table);
        assertTrue(table.contains("| alloc.bytes | ≤ 16.0 | 17.00 |"), table);
    }

    @Test
    void shouldUpdateOnlyTheMachineSectionOrAddOne()
    {
        final Baseline b = Baseline.parse(MACHINES);
        final Map<String, Double> run = Map.of("v.vs_scalar", 2.75, "w.vs_scalar", 1.5, "alloc.bytes", 3.0);
        final Baseline amd = Baseline.parse(b.updated("amd64 256-bit AuthenticAMD", run));
        assertEquals(2.75, amd.entries("amd64 256-bit AuthenticAMD").get(2).value, 1e-9);
        assertEquals(6.0, amd.entries("amd64 512-bit GenuineIntel").get(2).value, 0);
        assertEquals(16, amd.entries(null).get(1).value, 0);
        assertEquals(1.0, amd.entries(null).get(0).value, 0);
        // a new machine gets a section with the first recorded section's metrics and tolerances
        final String added = b.updated("aarch64 128-bit unknown-vendor", run);
        assertTrue(added.startsWith(MACHINES), added);
        final Baseline arm = Baseline.parse(added);
        assertEquals(3, arm.machines().size());
        final List<Baseline.Entry> own = arm.entries("aarch64 128-bit unknown-vendor");
        assertEquals(3, own.size());
        assertEquals(2.75, own.get(2).value, 1e-9);
        assertEquals(0.2, own.get(2).tolerance, 0);
    }

    private static Path sampleWithMachine(final Path dir, final String key) throws Exception
    {
        final Path json = Files.copy(AnalysisTest.sample(), dir.resolve("jmh-gate.json"));
        Files.writeString(dir.resolve(Gate.MACHINE_FILE), "key=" + key + "\ndescription=test machine\n");
        return json;
    }

    @Test
    void shouldCheckOnlyTheEveryMachineLinesOnAMachineWithoutSection(@TempDir final Path dir) throws Exception
    {
        final Path json = sampleWithMachine(dir, "riscv64 128-bit unknown-vendor");
        final Path baseline = dir.resolve("baseline.txt");
        // the sample's lesson matmul is 4× scalar: the floor passes, the recorded section (another machine) is ignored
        Files.writeString(baseline, "lesson.matmul.b16.vs_scalar >= 1.0\n[machine amd64 256-bit AuthenticAMD]\n" +
            "lesson.matmul.b16.vs_scalar 12.0\n");
        assertEquals(0, Gate.run(json, baseline, dir.resolve("out"), false));
        final String md = Files.readString(dir.resolve("out/gate.md"));
        assertTrue(md.contains("NO baseline section for this machine"), md);
        assertFalse(md.contains("12.00"), md);
        // on the recorded machine the section applies and the 3× drop fails
        Files.writeString(dir.resolve(Gate.MACHINE_FILE), "key=amd64 256-bit AuthenticAMD\n");
        assertEquals(1, Gate.run(json, baseline, dir.resolve("out"), false));
        // nothing at all to check is a failure, not a pass
        Files.writeString(baseline, "[machine amd64 256-bit AuthenticAMD]\nlesson.matmul.b16.vs_scalar 4.0\n");
        Files.writeString(dir.resolve(Gate.MACHINE_FILE), "key=riscv64 128-bit unknown-vendor\n");
        assertEquals(1, Gate.run(json, baseline, dir.resolve("out"), false));
    }

    @Test
    void shouldExitNonZeroOnTheSampleRunWhenTheBaselineIsHigher(@TempDir final Path dir) throws Exception
    {
        final Path json = sampleWithMachine(dir, "amd64 256-bit AuthenticAMD");
        final Path baseline = dir.resolve("baseline.txt");
        // the sample's best-iteration ratios: lesson matmul 4× scalar, train step 4×
        Files.writeString(baseline, "[machine amd64 256-bit AuthenticAMD]\nlesson.matmul.b16.vs_scalar 4.0\n" +
            "train.step.b16.vs_scalar 4.1\n");
        assertEquals(0, Gate.run(json, baseline, dir.resolve("out"), false));
        assertTrue(Files.exists(dir.resolve("out/gate.md")));
        // a kernel that got 3× slower relative to its scalar peer: the gate must fail
        Files.writeString(baseline, "[machine amd64 256-bit AuthenticAMD]\nlesson.matmul.b16.vs_scalar 12.0\n" +
            "train.step.b16.vs_scalar 4.0\n");
        assertEquals(1, Gate.run(json, baseline, dir.resolve("out"), false));
        assertTrue(Files.readString(dir.resolve("out/gate.md")).contains("REGRESSED"));
    }

    @Test
    void shouldRewriteTheBaselineOnUpdate(@TempDir final Path dir) throws Exception
    {
        final Path json = sampleWithMachine(dir, "amd64 256-bit AuthenticAMD");
        final Path baseline = dir.resolve("baseline.txt");
        Files.writeString(baseline, "# keep\n[machine amd64 256-bit AuthenticAMD]\nlesson.matmul.b16.vs_scalar 12.0 0.2\n");
        assertEquals(0, Gate.run(json, baseline, dir.resolve("out"), true));
        final Baseline b = Baseline.read(baseline);
        final Baseline.Entry e = b.entries("amd64 256-bit AuthenticAMD").get(0);
        assertEquals(4.0, e.value, 1e-9);
        assertEquals(0.2, e.tolerance, 0);
        assertTrue(Files.readString(baseline).startsWith("# keep\n"));
        // without a machine key there is nothing to record under
        Files.delete(dir.resolve(Gate.MACHINE_FILE));
        assertEquals(2, Gate.run(json, baseline, dir.resolve("out"), true));
    }
}
