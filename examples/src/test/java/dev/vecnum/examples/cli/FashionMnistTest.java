package dev.vecnum.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code classify} on the real Fashion-MNIST files from Debian's {@code dataset-fashion-mnist} ({@code .ci/run} installs
 * it; skipped, visibly, without it): two epochs of the default recipe (784→256→128→10, AdamW lr 1e-3, weight decay
 * 1e-2, batch 128, seed 0) over all 60,000 training images reach at least 85% test accuracy (86.05% measured on a
 * 2-core AVX2 machine; the whole 10-epoch recipe reaches 88.84%). About 4 s on two cores.
 */
class FashionMnistTest
{
    private static final Path DATA = Path.of(ClassifyCommand.DEFAULT_DATA);

    @Test
    void shouldReach85PercentAfterTwoEpochsOnTheRealData()
    {
        assumeTrue(Files.isDirectory(DATA), DATA + " is missing: apt-get install dataset-fashion-mnist");
        final CliRun run = CliRun.of("classify", "--epochs", "2", "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final Matcher m = Pattern.compile("(?m)^test accuracy (\\d\\.\\d{4})$").matcher(run.out());
        assertTrue(m.find(), run.out());
        final double accuracy = Double.parseDouble(m.group(1));
        System.out.println("Fashion-MNIST, 2 epochs of the default recipe:\n" + run.out());
        assertTrue(accuracy >= 0.85, "test accuracy " + accuracy);
    }
}
