package dev.vecnum.examples.lesson;

import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.monitor.EpochLog;
import dev.vecnum.examples.monitor.Plots;
import dev.vecnum.examples.monitor.SingularValues;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.TrainingRun;
import dev.vecnum.nn.Dense;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.train.BatchListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's main job: the lesson's six runs on the weather data, a results table, per-run logs and the plots
 * (valid-loss curves, the scheduled run's learning rate, the singular values of the last hidden layer's weights over
 * training). Stateless.
 */
public final class LessonJob
{
    /** Valid-loss curves of all runs. */
    public static final String VALID_LOSS_PNG = "valid_loss.png";
    /** The learning-rate schedule of {@link LessonRun#SGD_SCHEDULED}. */
    public static final String LR_SCHEDULE_PNG = "lr_schedule.png";
    /** Singular values of the last hidden layer's weight matrix, per run, over training. */
    public static final String SINGULAR_VALUES_PNG = "singular_values.png";

    /**
     * One run's results.
     *
     * @param run            which run
     * @param epochs         its epoch records
     * @param trainLoss      MSE on the whole train split after training
     * @param testLoss       MSE on the test split after training
     * @param singularValues singular values of the last hidden layer's weights at init and after each epoch
     * @param steps          optimizer steps taken
     */
    public record Outcome(LessonRun run, List<EpochResult> epochs, double trainLoss, double testLoss, List<double[]> singularValues,
        long steps)
    {
        /**
         * @return the last epoch's record
         */
        public EpochResult last()
        {
            return epochs.get(epochs.size() - 1);
        }

        /**
         * @return mean wall time of an epoch's training loop, in milliseconds
         */
        public double msPerEpoch()
        {
            return epochs.stream().mapToDouble(EpochResult::seconds).average().orElse(Double.NaN) * 1e3;
        }

        /**
         * @return fastest epoch's training loop, in milliseconds
         */
        public double bestMsPerEpoch()
        {
            return epochs.stream().mapToDouble(EpochResult::seconds).min().orElse(Double.NaN) * 1e3;
        }
    }

    private LessonJob()
    {
    }

    /**
     * Trains one lesson run.
     *
     * @param run  which run
     * @param data the splits
     * @return its results
     */
    public static Outcome train(final LessonRun run, final DataSplit data)
    {
        final TrainingRun training = new TrainingRun(data, LessonRun.HIDDEN, Init.LESSON, 0, run.batch(),
            run.config());
        final Dense lastHidden = training.mlp().layer(training.mlp().layerCount() - 2);
        final List<double[]> singular = new ArrayList<>();
        singular.add(singularValues(training, lastHidden));
        for (int e = 0; e < run.epochs(); e++)
        {
            training.nextEpoch(BatchListener.NONE);
            singular.add(singularValues(training, lastHidden));
        }
        return new Outcome(run, List.copyOf(training.history()), training.trainLoss(), training.testLoss(), singular,
            training.optimizer().stepCount());
    }

    private static double[] singularValues(final TrainingRun training, final Dense layer)
    {
        return SingularValues.of(training.mlp().params(), layer.weightOffset(), layer.in(), layer.out());
    }

    /**
     * Writes {@code <run>.jsonl} logs and the three PNG plots into {@code dir}.
     *
     * @param dir      an existing directory
     * @param outcomes the runs' results
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(final Path dir, final List<Outcome> outcomes) throws IOException
    {
        final List<Path> written = new ArrayList<>();
        final Map<String, List<EpochResult>> curves = new LinkedHashMap<>();
        final Map<String, List<double[]>> singular = new LinkedHashMap<>();
        for (final Outcome outcome : outcomes)
        {
            final Path log = dir.resolve(outcome.run().runName() + ".jsonl");
            try (EpochLog writer = EpochLog.create(log))
            {
                outcome.epochs().forEach(writer::append);
                writer.commit();
            }
            written.add(log);
            curves.put(outcome.run().runName(), outcome.epochs());
            singular.put(outcome.run().runName(), outcome.singularValues());
        }
        written.add(dir.resolve(VALID_LOSS_PNG));
        Plots.validLoss(dir.resolve(VALID_LOSS_PNG), curves);
        for (final Outcome outcome : outcomes)
        {
            if (outcome.run() == LessonRun.SGD_SCHEDULED)
            {
                written.add(dir.resolve(LR_SCHEDULE_PNG));
                Plots.lrSchedule(dir.resolve(LR_SCHEDULE_PNG), "sgd_scheduled: linear warmup " +
                    outcome.run().config().schedule().warmup() + " steps, linear decay to step " +
                    outcome.run().config().schedule().total(), outcome.run().config().schedule(),
                    (int) outcome.steps());
            }
        }
        written.add(dir.resolve(SINGULAR_VALUES_PNG));
        Plots.singularValues(dir.resolve(SINGULAR_VALUES_PNG), "last hidden layer W (10x10)", singular);
        return written;
    }

    /**
     * The results table: run, train/valid/test MSE of the final parameters on each whole split, the lesson's final
     * valid MSE, and the mean and best wall time of an epoch's training loop.
     *
     * @param outcomes the runs' results
     * @return the table, one line per run after a header, each ending in a newline
     */
    public static String table(final List<Outcome> outcomes)
    {
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
            "%-14s %6s %5s %10s %10s %10s %13s %9s %9s%n", "run", "epochs", "batch", "train MSE", "valid MSE",
            "test MSE", "lesson valid", "ms/epoch", "best ms"));
        for (final Outcome o : outcomes)
        {
            table.append(String.format(Locale.ROOT, "%-14s %6d %5d %10.4f %10.4f %10.4f %13.3f %9.2f %9.2f%n",
                o.run().runName(), o.run().epochs(), o.run().batch(), o.trainLoss(), o.last().validLoss(),
                o.testLoss(), o.run().lessonFinalValid(), o.msPerEpoch(), o.bestMsPerEpoch()));
        }
        return table.toString();
    }
}
