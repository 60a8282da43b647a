package dev.vecnum.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Checks the once-only kernel choice in child JVMs started with and without the incubator module. */
class KernelsTest
{
    private static final String WARNING = "is not available; using scalar kernels";

    @Test
    void shouldUseVectorKernelsWhenModulePresent() throws Exception
    {
        final Result r = run(true);
        assertTrue(r.stdout.contains("vectorized=true gemm=Vector"), r.toString());
        assertTrue(r.stdout.contains("result=32.0"), r.toString());
        assertFalse(r.stderr.contains(WARNING), r.toString());
    }

    @Test
    void shouldForceScalarWithSystemProperty() throws Exception
    {
        final Result r = run(true, "-Dvecnum.vector=false");
        assertTrue(r.stdout.contains("vectorized=false gemm=ScalarGemm result=32.0"), r.toString());
        assertFalse(r.stderr.contains(WARNING), r.toString());
    }

    @Test
    void shouldFallBackToScalarWithOneWarningWhenModuleAbsent() throws Exception
    {
        final Result r = run(false);
        assertTrue(r.stdout.contains("vectorized=false gemm=ScalarGemm result=32.0"), r.toString());
        assertEquals(1, r.stderr.split(WARNING, -1).length - 1, r.toString());
    }

    private record Result(int exit, String stdout, String stderr)
    {
    }

    private static Result run(final boolean withModule, final String... props) throws IOException, InterruptedException
    {
        final Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        final List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        if (withModule)
        {
            cmd.add("--add-modules=jdk.incubator.vector");
        }
        cmd.addAll(List.of(props));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DispatchProbe.class.getName());
        final File out = File.createTempFile("probe", ".out");
        final File err = File.createTempFile("probe", ".err");
        try
        {
            final Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
            final Result r = new Result(p.exitValue(),
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
            assertEquals(0, r.exit, r.toString());
            return r;
        }
        finally
        {
            out.delete();
            err.delete();
        }
    }
}
