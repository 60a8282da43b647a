package dev.vecnum.examples.lesson;

import dev.vecnum.nn.train.LrSchedule;
import dev.vecnum.nn.train.OptimizerConfig.Kind;
import dev.vecnum.nn.train.OptimizerConfig;

/**
 * The lesson's six runs (3→10→10→1 MLP, lesson init) with their hyperparameters and the final valid MSE the lesson's
 * numpy code reached.
 */
public enum LessonRun
{
    /** SGD, lr 1e-4, batch 4, 10 epochs. */
    SGD_SMALL(10, 4, Kind.SGD, constant(1e-4), 0, 0, 21.877),
    /** SGD, lr 1e-4, batch 16, 40 epochs. */
    SGD_LARGE(40, 16, Kind.SGD, constant(1e-4), 0, 0, 20.650),
    /** SGD with momentum 0.9, lr 1e-4. */
    SGD_MOMENTUM(40, 16, Kind.MOMENTUM, constant(1e-4), 0.9, 0, 25.383),
    /** Adam, lr 1e-3, betas 0.9/0.999, eps 1e-8. */
    ADAM(40, 16, Kind.ADAM, constant(1e-3), 0, 0, 20.992),
    /** AdamW as Adam with weight decay 0.1 on weights only. */
    ADAMW(40, 16, Kind.ADAMW, constant(1e-3), 0, 0.1, 20.830),
    /** SGD, lr 1e-4, linear warmup 10000 steps then linear decay to 0 at step 23640. */
    SGD_SCHEDULED(40, 16, Kind.SGD, new LrSchedule(LrSchedule.Kind.LINEAR, 1e-4, 10_000, 23_640), 0, 0, 21.222);

    /** The lesson's layer widths: 3 inputs, hidden 10 and 10, 1 output. */
    public static final int[] HIDDEN = {10, 10};

    private final int epochs;
    private final int batch;
    private final OptimizerConfig config;
    private final double lessonFinalValid;

    LessonRun(final int epochs, final int batch, final Kind kind, final LrSchedule schedule, final double momentum,
        final double weightDecay, final double lessonFinalValid)
    {
        this.epochs = epochs;
        this.batch = batch;
        this.config = new OptimizerConfig(kind, schedule, momentum, false, 0.9, 0.999, 1e-8, weightDecay, 0);
        this.lessonFinalValid = lessonFinalValid;
    }

    private static LrSchedule constant(final double lr)
    {
        return new LrSchedule(LrSchedule.Kind.CONSTANT, lr, 0, 0);
    }

    /**
     * @return the run's name as the lesson's logs spell it, e.g. {@code sgd_small}
     */
    public String runName()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @return epochs
     */
    public int epochs()
    {
        return epochs;
    }

    /**
     * @return rows per batch
     */
    public int batch()
    {
        return batch;
    }

    /**
     * @return optimizer hyperparameters
     */
    public OptimizerConfig config()
    {
        return config;
    }

    /**
     * @return the final valid MSE of the lesson's own (numpy, float64) run
     */
    public double lessonFinalValid()
    {
        return lessonFinalValid;
    }
}
