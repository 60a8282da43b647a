package dev.vecnum.examples.cli;

import dev.vecnum.core.parallel.WorkerPool;
import dev.vecnum.examples.classify.ClassNames;
import dev.vecnum.examples.classify.ClassifyEpoch;
import dev.vecnum.examples.classify.ClassifyRun;
import dev.vecnum.examples.monitor.ClassifyPlots;
import dev.vecnum.examples.monitor.EpochLog;
import dev.vecnum.examples.monitor.ProgressBar;
import dev.vecnum.examples.train.DivergedException;
import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.data.IdxDataset;
import dev.vecnum.nn.eval.Evaluation;
import dev.vecnum.nn.io.CheckpointFile;
import dev.vecnum.nn.io.PendingFile;
import dev.vecnum.nn.train.OptimizerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code classify}: trains an MLP classifier (softmax cross-entropy) on MNIST-style IDX image data, Fashion-MNIST by
 * default, printing a line per epoch and a final table, optionally writing a JSON-lines log (committed only when
 * training succeeds), a checkpoint after every epoch (atomic), PNG plots, and resuming from a checkpoint.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train an image classifier (softmax cross-entropy) on IDX data.",
        "An MLP: pixels -> hidden... (ReLU) -> classes. Default data: Fashion-MNIST from Debian's dataset-fashion-mnist package. Pixels are scaled to [0, 1], the",
        "weights He-uniform from --seed, the training set reshuffled every epoch from --seed; the test set is",
        "evaluated after every epoch."})
public final class ClassifyCommand implements Callable<Integer>
{
    /** Where Debian's {@code dataset-fashion-mnist} puts the four IDX files. */
    public static final String DEFAULT_DATA = "/usr/share/datasets/fashion-mnist";

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR",
        description = "directory with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, " +
            "t10k-labels-idx1-ubyte (each plain or .gz) (default: ${DEFAULT-VALUE})")
    private Path data = Path.of(DEFAULT_DATA);

    @Option(names = "--hidden", split = ",", paramLabel = "N,N", description = "hidden layer widths (default: 256,128)")
    private List<Integer> hidden = List.of(256, 128);

    @Option(names = "--epochs", paramLabel = "N", description = "epochs in all, counting resumed ones (default: ${DEFAULT-VALUE})")
    private int epochs = 10;

    @Option(names = "--batch", paramLabel = "N", description = "images per batch (default: ${DEFAULT-VALUE})")
    private int batch = 128;

    @Mixin
    private OptimizerOptions optimizer = new OptimizerOptions("adamw", 1e-3);

    @Option(names = "--classes", paramLabel = "N", description = "number of classes (default: the largest training label + 1)")
    private Integer classes;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the initialization and the shuffles (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--threads", paramLabel = "N",
        description = "worker threads of the kernels (default: -Dvecnum.threads, else the available processors)")
    private Integer threads;

    @Option(names = "--log", paramLabel = "FILE",
        description = "JSON lines per epoch: epoch, train_loss, test_loss, test_accuracy, seconds, samples_per_s " +
            "(written when training succeeds)")
    private Path log;

    @Option(names = "--out", paramLabel = "DIR",
        description = "write " + ClassifyPlots.CURVES_PNG + ", " + ClassifyPlots.CONFUSION_PNG + " and " +
            ClassifyPlots.MISCLASSIFIED_PNG + " here (created if missing)")
    private Path out;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "write a checkpoint after every epoch (atomically)")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "FILE", description = "continue from a checkpoint")
    private Path resume;

    @Option(names = "--quiet", description = "no progress bar, no per-epoch lines: only the table and the accuracy")
    private boolean quiet;

    /**
     * Validates everything, then trains.
     *
     * @return 0 on success
     * @throws IOException if the log, checkpoint or plots cannot be written
     */
    @Override
    public Integer call() throws IOException
    {
        checkOptions();
        if (!Files.isDirectory(data))
        {
            throw new BadInputException(data + ": no such directory (install Fashion-MNIST with `apt-get install " +
                "dataset-fashion-mnist`, or pass --data DIR)");
        }
        final IdxDataset dataset = IdxDataset.load(data, classes == null ? 0 : classes);
        if (threads != null)
        {
            WorkerPool.resizeShared(threads);
        }
        final int batchesPerEpoch = (dataset.train().rows() + batch - 1) / batch;
        final OptimizerConfig config = optimizer.config(epochs * batchesPerEpoch);
        final ClassifyRun run = new ClassifyRun(dataset, hidden.stream().mapToInt(Integer::intValue).toArray(), seed,
            batch, config);
        if (resume != null)
        {
            restore(run);
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        if (!quiet)
        {
            stdout.printf(Locale.ROOT, "%s: %d train / %d test images of %dx%d, %d classes; model %s (%d parameters); " +
                    "%s lr %s, batch %d; %d threads%n", data, dataset.train().rows(), dataset.test().rows(),
                dataset.height(), dataset.width(), dataset.classes(), run.layers(), run.mlp().parameterCount(),
                config.stateKind(), config.schedule().lr(), batch, WorkerPool.shared().threads());
        }
        try (EpochLog epochLog = log == null ? null : EpochLog.create(log))
        {
            if (epochLog != null)
            {
                run.history().forEach(e -> epochLog.appendLine(e.json()));
            }
            train(run, epochLog);
            if (epochLog != null)
            {
                epochLog.commit();
            }
        }
        final Evaluation test = run.evaluateTest();
        stdout.print(table(run.history()));
        stdout.printf(Locale.ROOT, "test accuracy %.4f%n", test.accuracy());
        if (out != null)
        {
            Files.createDirectories(out);
            final List<Path> written = ClassifyPlots.write(out, run.history(), test, dataset.test(), dataset.height(),
                dataset.width(), ClassNames.of(data, dataset.classes(), dataset.height(), dataset.width()));
            if (!quiet)
            {
                written.forEach(file -> stdout.println("wrote " + file));
            }
        }
        stdout.flush();
        return 0;
    }

    private void restore(final ClassifyRun run)
    {
        final CheckpointFile stored = CheckpointFile.read(resume);
        stored.restore(run.fingerprint(), resume.toString(), run.mlp(), run.optimizer());
        try
        {
            run.restoreHistory(stored.extra());
        }
        catch (final IllegalArgumentException e)
        {
            throw new BadInputException(resume + ": corrupted checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private void train(final ClassifyRun run, final EpochLog epochLog) throws IOException
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr(), quiet);
        for (int e = run.history().size(); e < epochs; e++)
        {
            bar.label("epoch " + (e + 1) + "/" + epochs);
            final ClassifyEpoch result = run.nextEpoch(bar);
            bar.clear();
            if (!Double.isFinite(result.trainLoss()) || !Double.isFinite(result.testLoss()))
            {
                throw new DivergedException(e, result.trainLoss(), "test", result.testLoss());
            }
            if (epochLog != null)
            {
                epochLog.appendLine(result.json());
            }
            if (checkpoint != null)
            {
                CheckpointFile.of(run.fingerprint(), run.mlp(), run.optimizer(), run.encodeHistory()).write(checkpoint);
            }
            if (!quiet)
            {
                stdout.printf(Locale.ROOT, "epoch %d/%d  train %.4f  test %.4f  accuracy %.4f  %.2f s  %.0f samples/s%n",
                    e + 1, epochs, result.trainLoss(), result.testLoss(), result.testAccuracy(), result.seconds(),
                    result.samplesPerSecond());
            }
        }
    }

    /**
     * The final table: one line per epoch.
     *
     * @param history the epochs
     * @return the table, each line ending in a newline
     */
    static String table(final List<ClassifyEpoch> history)
    {
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%5s %10s %10s %9s %9s %10s%n",
            "epoch", "train loss", "test loss", "test acc", "seconds", "samples/s"));
        for (final ClassifyEpoch e : history)
        {
            table.append(String.format(Locale.ROOT, "%5d %10.4f %10.4f %9.4f %9.3f %10.0f%n", e.epoch() + 1,
                e.trainLoss(), e.testLoss(), e.testAccuracy(), e.seconds(), e.samplesPerSecond()));
        }
        return table.toString();
    }

    private void checkOptions()
    {
        OptionChecks.positive("--epochs", epochs);
        OptionChecks.positive("--batch", batch);
        for (final int width : hidden)
        {
            OptionChecks.positive("--hidden", width);
        }
        if (classes != null)
        {
            OptionChecks.positive("--classes", classes);
        }
        if (threads != null)
        {
            OptionChecks.positive("--threads", threads);
        }
        optimizer.check();
        if (log != null)
        {
            PendingFile.checkWritable(log);
        }
        if (checkpoint != null)
        {
            PendingFile.checkWritable(checkpoint);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out))
        {
            throw new BadInputException(out + ": --out is not a directory");
        }
    }
}
