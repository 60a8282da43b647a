package dev.vecnum.examples.cli;

import dev.vecnum.examples.BadInputException;
import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.monitor.Checkpoint;
import dev.vecnum.examples.monitor.EpochLog;
import dev.vecnum.examples.monitor.PendingFile;
import dev.vecnum.examples.monitor.ProgressBar;
import dev.vecnum.examples.nn.Init;
import dev.vecnum.examples.train.DivergedException;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.LrSchedule;
import dev.vecnum.examples.train.OptimizerConfig;
import dev.vecnum.examples.train.Trainer;
import dev.vecnum.examples.train.TrainingRun;
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
        "Rows are used in file order (70% train, 15% valid, 15% test); features are standardized."})
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

    @Option(names = "--init", paramLabel = "lesson|default",
        description = "lesson: numpy seed 0 per layer, biases 1; default: torch-like U(-k,k) from --seed (default: ${DEFAULT-VALUE})")
    private String init = "lesson";

    @Option(names = "--seed", paramLabel = "N", description = "seed for --init default (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs in all, counting resumed ones (default: ${DEFAULT-VALUE})")
    private int epochs = 10;

    @Option(names = "--batch", paramLabel = "N", description = "rows per batch (default: ${DEFAULT-VALUE})")
    private int batch = 16;

    @Option(names = "--optimizer", paramLabel = "sgd|momentum|adam|adamw", description = "(default: ${DEFAULT-VALUE})")
    private String optimizer = "sgd";

    @Option(names = "--lr", paramLabel = "X", description = "(peak) learning rate (default: ${DEFAULT-VALUE})")
    private double lr = 1e-4;

    @Option(names = "--momentum", paramLabel = "X", description = "momentum for --optimizer momentum (default: ${DEFAULT-VALUE})")
    private double momentum = 0.9;

    @Option(names = "--nesterov", description = "Nesterov momentum")
    private boolean nesterov;

    @Option(names = "--beta1", paramLabel = "X", description = "Adam beta1 (default: ${DEFAULT-VALUE})")
    private double beta1 = 0.9;

    @Option(names = "--beta2", paramLabel = "X", description = "Adam beta2 (default: ${DEFAULT-VALUE})")
    private double beta2 = 0.999;

    @Option(names = "--eps", paramLabel = "X", description = "Adam epsilon (default: ${DEFAULT-VALUE})")
    private double eps = 1e-8;

    @Option(names = "--weight-decay", paramLabel = "X",
        description = "AdamW decoupled weight decay on weights, not biases (default: 0.01 for adamw)")
    private Double weightDecay;

    @Option(names = "--schedule", paramLabel = "constant|linear|cosine", description = "(default: ${DEFAULT-VALUE})")
    private String schedule = "constant";

    @Option(names = "--warmup", paramLabel = "N", description = "linear warmup steps (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--total-steps", paramLabel = "N",
        description = "steps at which linear/cosine reach 0 (default: epochs x batches per epoch)")
    private Integer totalSteps;

    @Option(names = "--clip-norm", paramLabel = "X", description = "clip the global gradient norm to X (default: off)")
    private Double clipNorm;

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
        final Init scheme = choose("--init", init, Init.values());
        final OptimizerConfig.Kind kind = choose("--optimizer", optimizer, OptimizerConfig.Kind.values());
        final LrSchedule.Kind scheduleKind = choose("--schedule", schedule, LrSchedule.Kind.values());
        final DataSplit split = data.load(features, target);
        final int batchesPerEpoch = (split.train().rows() + batch - 1) / batch;
        final OptimizerConfig config = optimizerConfig(kind, scheduleKind, epochs * batchesPerEpoch);
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
        final ProgressBar bar = !quiet && System.console() != null
            ? new ProgressBar(spec.commandLine().getErr(), 30, 100_000_000L) : null;
        for (int e = run.history().size(); e < epochs; e++)
        {
            if (bar != null)
            {
                bar.label("epoch " + (e + 1) + "/" + epochs);
            }
            final EpochResult result = run.nextEpoch(bar == null ? Trainer.BatchListener.NONE : bar);
            if (bar != null)
            {
                bar.clear();
            }
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
        positive("--epochs", epochs);
        positive("--batch", batch);
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
            positive("--hidden", width);
        }
        if (totalSteps != null)
        {
            positive("--total-steps", totalSteps);
        }
    }

    private OptimizerConfig optimizerConfig(final OptimizerConfig.Kind kind, final LrSchedule.Kind scheduleKind,
        final int defaultTotal)
    {
        final double decay = weightDecay != null ? weightDecay : kind == OptimizerConfig.Kind.ADAMW ? 0.01 : 0;
        try
        {
            return new OptimizerConfig(kind,
                new LrSchedule(scheduleKind, lr, warmup, totalSteps == null ? defaultTotal : totalSteps),
                momentum, nesterov, beta1, beta2, eps, decay, clipNorm == null ? 0 : clipNorm);
        }
        catch (final IllegalArgumentException e)
        {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private String fingerprint(final TrainingRun run)
    {
        return "features " + String.join(",", features) + " -> " + target + "; layers " +
            java.util.Arrays.stream(run.mlp().sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-")) +
            "; optimizer " + run.optimizer().config().stateKind() + "; batch " + batch;
    }

    private static void positive(final String option, final int value)
    {
        if (value <= 0)
        {
            throw new BadInputException(option + " must be > 0, got " + value);
        }
    }

    private static <E extends Enum<E>> E choose(final String option, final String value, final E[] choices)
    {
        for (final E choice : choices)
        {
            if (choice.name().equalsIgnoreCase(value))
            {
                return choice;
            }
        }
        throw new BadInputException(option + ": unknown value '" + value + "' (expected " +
            java.util.Arrays.stream(choices).map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ")");
    }
}
