package dev.vecnum.examples.cli;

import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.lesson.LessonJob;
import dev.vecnum.examples.lesson.LessonRun;
import dev.vecnum.nn.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lesson --out DIR}: the project's main job. Runs the lesson's six optimizer runs on the weather data,
 * prints the results table and writes per-run logs and the plots into DIR.
 */
@Command(name = "lesson", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Reproduce the optimizer lesson (six runs on the weather data).",
        "Trains a 3-10-10-1 ReLU MLP on daily weather with each of the lesson's runs: sgd_small, sgd_large,",
        "sgd_momentum, adam, adamw and sgd_scheduled; prints a table, writes logs and PNG plots."})
public final class LessonCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "directory for <run>.jsonl logs and the plots " + LessonJob.VALID_LOSS_PNG + ", " +
            LessonJob.LR_SCHEDULE_PNG + ", " + LessonJob.SINGULAR_VALUES_PNG + " (created if missing)")
    private Path out;

    @Mixin
    private DataOption data = new DataOption();

    @Option(names = "--quiet", description = "print only the table")
    private boolean quiet;

    /**
     * Runs the six runs and writes the outputs.
     *
     * @return 0 on success
     * @throws IOException if an output cannot be written
     */
    @Override
    public Integer call() throws IOException
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        try
        {
            Files.createDirectories(out);
        }
        catch (final IOException e)
        {
            throw new BadInputException(out + ": cannot create output directory: " + e.getMessage(), e);
        }
        final DataSplit split = data.load(BundledData.FEATURES, BundledData.TARGET);
        final List<LessonJob.Outcome> outcomes = new ArrayList<>();
        for (final LessonRun run : LessonRun.values())
        {
            final LessonJob.Outcome outcome = LessonJob.train(run, split);
            outcomes.add(outcome);
            if (!quiet)
            {
                stdout.printf("%s done: %d epochs, valid %.4f%n", run.runName(), run.epochs(),
                    outcome.last().validLoss());
            }
        }
        stdout.print(LessonJob.table(outcomes));
        final List<Path> written = LessonJob.write(out, outcomes);
        if (!quiet)
        {
            written.forEach(file -> stdout.println("wrote " + file));
        }
        stdout.flush();
        return 0;
    }
}
