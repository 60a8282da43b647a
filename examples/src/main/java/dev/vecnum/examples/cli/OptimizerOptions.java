package dev.vecnum.examples.cli;

import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.train.LrSchedule;
import dev.vecnum.nn.train.OptimizerConfig;
import picocli.CommandLine.Option;

/**
 * The optimizer options shared by {@code train} and {@code classify} ({@code --optimizer --lr --momentum --nesterov
 * --beta1 --beta2 --eps --weight-decay --schedule --warmup --total-steps --clip-norm}); each command gives its own
 * default optimizer and learning rate.
 */
final class OptimizerOptions
{
    @Option(names = "--optimizer", paramLabel = "sgd|momentum|adam|adamw", description = "(default: ${DEFAULT-VALUE})")
    private String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "(peak) learning rate (default: ${DEFAULT-VALUE})")
    private double lr;

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

    /**
     * @param optimizer the command's default optimizer name
     * @param lr        the command's default learning rate
     */
    OptimizerOptions(final String optimizer, final double lr)
    {
        this.optimizer = optimizer;
        this.lr = lr;
    }

    /**
     * Checks what can be checked before the data is loaded: names and counts.
     *
     * @throws BadInputException naming the option
     */
    void check()
    {
        OptionChecks.choose("--optimizer", optimizer, OptimizerConfig.Kind.values());
        OptionChecks.choose("--schedule", schedule, LrSchedule.Kind.values());
        if (totalSteps != null)
        {
            OptionChecks.positive("--total-steps", totalSteps);
        }
    }

    /**
     * The validated configuration.
     *
     * @param defaultTotalSteps the schedule's total when {@code --total-steps} is not given
     * @return the configuration
     * @throws BadInputException naming the option that is out of range
     */
    OptimizerConfig config(final int defaultTotalSteps)
    {
        final OptimizerConfig.Kind kind = OptionChecks.choose("--optimizer", optimizer, OptimizerConfig.Kind.values());
        final LrSchedule.Kind scheduleKind = OptionChecks.choose("--schedule", schedule, LrSchedule.Kind.values());
        final double decay = weightDecay != null ? weightDecay : kind == OptimizerConfig.Kind.ADAMW ? 0.01 : 0;
        try
        {
            return new OptimizerConfig(kind,
                new LrSchedule(scheduleKind, lr, warmup, totalSteps == null ? defaultTotalSteps : totalSteps),
                momentum, nesterov, beta1, beta2, eps, decay, clipNorm == null ? 0 : clipNorm);
        }
        catch (final IllegalArgumentException e)
        {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
