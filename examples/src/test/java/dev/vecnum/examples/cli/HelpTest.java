package dev.vecnum.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code --help} prints clean text: no picocli warning (which goes to {@link System#err}, not the command's
 * writer), and the top-level command list shows each command's whole first sentence.
 */
class HelpTest
{
    @ParameterizedTest
    @ValueSource(strings = {"", "train", "lesson", "classify"})
    void shouldPrintCleanHelpWithoutPicocliWarnings(final String command)
    {
        final PrintStream saved = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final CliRun run;
        try
        {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run = command.isEmpty() ? CliRun.of("--help") : CliRun.of(command, "--help");
        }
        finally
        {
            System.setErr(saved);
        }
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", captured.toString(StandardCharsets.UTF_8), "nothing on System.err");
        assertEquals("", run.err());
        assertFalse(run.out().contains("WARN") || run.out().contains("Could not format"), run.out());
        if (command.equals("train"))
        {
            assertTrue(run.out().contains("(70%") && !run.out().contains("%%"), run.out());
        }
        if (command.isEmpty())
        {
            for (final String line : new String[] {
                "lesson +Reproduce the optimizer lesson \\(six runs on the weather data\\)\\.",
                "train +Train a ReLU MLP \\(inputs -> hidden\\.\\.\\. -> 1, MSE\\) on a CSV file\\.",
                "classify +Train an image classifier \\(softmax cross-entropy\\) on IDX data\\."})
            {
                assertTrue(Pattern.compile("(?m)^ +" + line + "$").matcher(run.out()).find(), line + " in\n" +
                    run.out());
            }
        }
    }
}
