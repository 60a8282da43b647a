package dev.vecnum.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenBLAS peer's fork launcher ({@code peers/openblas-peer-java}, relative to {@code benchmarks/}, where surefire
 * runs too) starts a JVM without the variables that pin OpenBLAS, even when the caller has them set.
 */
class OpenBlasLauncherTest
{
    @Test
    void shouldStartTheForkWithoutThePinningVariables(@TempDir final Path dir) throws Exception
    {
        final Path launcher = Path.of(OpenBlasPeerBenchmark.LAUNCHER);
        assertTrue(Files.isExecutable(launcher), launcher.toAbsolutePath() + " must exist and be executable");
        final Path source = dir.resolve("PrintPins.java");
        Files.writeString(source, "public class PrintPins { public static void main(String[] a) { " +
            "System.out.println(System.getenv(\"OPENBLAS_CORETYPE\") + \" \" + System.getenv(\"OPENBLAS_L2_SIZE\") + " +
            "\" \" + System.getenv(\"VECNUM_KEPT\")); } }");
        final ProcessBuilder pb = new ProcessBuilder(List.of(launcher.toString(), source.toString()))
            .redirectErrorStream(false);
        pb.environment().put("OPENBLAS_CORETYPE", "Haswell");
        pb.environment().put("OPENBLAS_L2_SIZE", "512");
        pb.environment().put("VECNUM_KEPT", "yes");
        final Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher did not finish");
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("null null yes", out, "pinning variables dropped, everything else kept");
    }
}
