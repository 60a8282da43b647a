package dev.vecnum.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityTest
{
    @TempDir
    Path dir;

    private static Stability.Campaign steady(final String load)
    {
        final Stability.Campaign c = new Stability.Campaign("17.0.15", "java", load, 0, 3, "2026-11-27");
        for (final double best : new double[] {100, 110, 190})
        {
            c.add("lesson", "matmul.b4", best, 0, 0);
            c.add("train", "step.b16", 2000, 0.05, 400_000);
            c.add("gemm2t", "matmul.n512", 1e6, 0, best);
        }
        c.add("train-scalar", "step.b16", 3000, 0, 300_000);
        return c;
    }

    @Test
    void shouldPassWhenWorstIsWithinTwiceTheMedian()
    {
        assertEquals(List.of(), Stability.failures(steady("idle")));
    }

    @Test
    void shouldFlagASlowJvm()
    {
        final Stability.Campaign c = steady("idle");
        c.add("lesson", "matmul.b4", 59_000, 0, 0);
        final List<String> f = Stability.failures(c);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).startsWith("lesson matmul.b4: worst JVM"), f.get(0));
    }

    @Test
    void shouldFlagAllocationAndAVectorStepSlowerThanScalar()
    {
        final Stability.Campaign c = steady("loaded");
        c.add("train", "step.b16", 2100, 34_500, 250_000);
        final List<String> f = Stability.failures(c);
        assertEquals(2, f.size(), f.toString());
        assertTrue(f.get(0).contains("allocated 34500.0 B/step"), f.get(0));
        assertTrue(f.get(1).contains("0.83× the scalar step"), f.get(1));
        assertTrue(Stability.markdown(List.of(c)).contains("Goals missed"));
    }

    @Test
    void shouldRoundTripAndKeepSectionsOfEarlierSittings() throws IOException
    {
        final Path file = dir.resolve("s.json");
        final Stability first = Stability.read(file);
        first.put(steady("idle"));
        first.write(file);
        final Stability.Campaign later = new Stability.Campaign("17.0.15", "java", "idle", 0, 2, "later");
        later.add("lesson", "matmul.b4", 1, 0, 0);
        final Stability second = Stability.read(file);
        second.put(later);
        second.write(file);
        final Stability back = Stability.read(file);
        assertEquals(1, back.campaigns().size());
        final Stability.Campaign c = back.campaigns().get(0);
        assertEquals(List.of(1.0), c.series("lesson", "matmul.b4", "best"));
        assertEquals(List.of(2000.0, 2000.0, 2000.0), c.series("train", "step.b16", "best"));
        final String md = Stability.markdown(back.campaigns());
        assertTrue(md.contains("| step.b16 | 2.00 / 2.00 (1.00×) |"), md);
        assertTrue(md.contains("0 of 3 slow"), md);
    }

    @Test
    void shouldRefuseAFileThatIsNotACampaign() throws IOException
    {
        final Path file = dir.resolve("x.json");
        Files.writeString(file, "[1, 2]");
        final IOException e = assertThrows(IOException.class, () -> Stability.read(file));
        assertTrue(e.getMessage().contains("not a stability campaign file"), e.getMessage());
    }
}
