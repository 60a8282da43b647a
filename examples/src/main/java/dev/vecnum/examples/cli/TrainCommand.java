package dev.vecnum.examples.cli;

import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.monitor.Checkpoint;
import dev.vecnum.examples.monitor.EpochLog;
import dev.vecnum.examples.monitor.ProgressBar;
import dev.vecnum.examples.train.DivergedException;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.TrainingRun;
import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.io.PendingFile;
import dev.vecnum.nn.train.OptimizerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: trains an MLP on CSV data with one optimizer, printing a line per epoch, optionally writing a JSON
 * lines log (committed only when training succeeds) and a checkpoint after every epoch (atomic), and resuming from
 * a checkpoint.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a ReLU MLP (inputs -> hidden... -> 1, MSE) on a CSV file.",
        "Rows are used in file order (70%% train, 15%% valid, 15%% test); features are standardized."})
public final class TrainCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private DataOption data = new DataOption();

    @Option(names = "--features", split = ",", paramLabel = "a,b,c", description = "input columns (default: ${DEFAULT-VALUE})")
    private List<String> features = List.of("tmax", "tmin", "rain");

    @Option(names = "--target", paramLabel = "COLUMN", description = "target column (default: ${DEFAULT-VALUE})")
    private String target = "tmax_tomorrow";

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", description = "hidden layer widths (default: 10,10)")
    private List<Integer> hidden = List.of(10, 10);

    @Option(names = "--init", paramLabel = "lesson|default|he_uniform",
        description = "lesson: numpy seed 0 per layer, biases 1; default: torch-like U(-k,k) from --seed; " +
            "he_uniform: U(-sqrt(6/in), sqrt(6/in)) from --seed, biases 0 (default: ${DEFAULT-VALUE})")
    private String init = "lesson";

    @Option(names = "--seed", paramLabel = "N", description = "seed for --init default (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs in all, counting resumed ones (default: ${DEFAULT-VALUE})")
    private int epochs = 10;

    @Option(names = "--batch", paramLabel = "N", description = "rows per batch (default: ${DEFAULT-VALUE})")
    private int batch = 16;

    @Mixin
    private OptimizerOptions optimizer = new OptimizerOptions("sgd", 1e-4);

    @Option(names = "--log", paramLabel = "FILE",
        description = "JSON lines per epoch: epoch, train_loss, valid_loss, seconds, lr (written when training succeeds)")
    private Path log;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "write a checkpoint after every epoch (atomically)")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "continue from a checkpoint")
    private Path resume;

    @Option(names = "--quiet", description = "no progress bar, no per-epoch lines")
    private boolean quiet;

    /**
     * Validates everything, then trains.
     *
     * @return 0 on success
     * @throws IOException if the log or checkpoint cannot be written
     */
    @Override
    public Integer call() throws IOException
    {
        checkOptions();
        final Init scheme = OptionChecks.choose("--init", init, Init.values());
        optimizer.check();
        final DataSplit split = data.load(features, target);
        final int batchesPerEpoch = (split.train().rows() + batch - 1) / batch;
        final OptimizerConfig config = optimizer.config(epochs * batchesPerEpoch);
        final TrainingRun run = new TrainingRun(split, hidden.stream().mapToInt(Integer::intValue).toArray(), scheme,
            seed, batch, config);
        final String fingerprint = fingerprint(run);
        if (resume != null)
        {
            Checkpoint.read(resume).restore(fingerprint, resume.toString(), run);
        }
        if (checkpoint != null)
        {
            PendingFile.checkWritable(checkpoint);
        }
        try (EpochLog epochLog = log == null ? null : EpochLog.create(log))
        {
            if (epochLog != null)
            {
                run.history().forEach(epochLog::append);
            }
            train(run, fingerprint, epochLog);
            if (epochLog != null)
            {
                epochLog.commit();
            }
        }
        if (!quiet)
        {
            spec.commandLine().getOut().printf(Locale.ROOT, "final MSE: train %.4f  valid %.4f  test %.4f%n",
                run.trainLoss(), run.validLoss(), run.testLoss());
        }
        return 0;
    }

    private void train(final TrainingRun run, final String fingerprint, final EpochLog epochLog) throws IOException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr(), quiet);
        for (int e = run.history().size(); e < epochs; e++)
        {
            bar.label("epoch " + (e + 1) + "/" + epochs);
            final EpochResult result = run.nextEpoch(bar);
            bar.clear();
            DivergedException.check(result);
            if (epochLog != null)
            {
                epochLog.append(result);
            }
            if (checkpoint != null)
            {
                Checkpoint.of(fingerprint, run).write(checkpoint);
            }
            if (!quiet)
            {
                out.printf(Locale.ROOT, "epoch %d/%d  train %.4f  valid %.4f  lr %.3e  %.2f ms%n", e + 1, epochs,
                    result.trainLoss(), result.validLoss(), result.lr(), result.seconds() * 1e3);
            }
        }
    }

    private void checkOptions()
    {
        OptionChecks.positive("--epochs", epochs);
        OptionChecks.positive("--batch", batch);
        if (features.isEmpty() || new HashSet<>(features).size() != features.size())
        {
            throw new BadInputException("--features must name distinct columns, got " + String.join(",", features));
        }
        if (features.contains(target))
        {
            throw new BadInputException("--target " + target + " is also a feature");
        }
        for (final int width : hidden)
        {
            OptionChecks.positive("--hidden", width);
        }
    }

    private String fingerprint(final TrainingRun run)
    {
        return "features " + String.join(",", features) + " -> " + target + "; layers " +
            java.util.Arrays.stream(run.mlp().sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-")) +
            "; optimizer " + run.optimizer().config().stateKind() + "; batch " + batch;
    }
}
