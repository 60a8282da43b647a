package dev.vecnum.nn.train;

/**
 * Optimizer hyperparameters, validated on construction (torch.optim's rules).
 *
 * @param kind        which optimizer
 * @param schedule    learning-rate schedule (its lr is the base rate)
 * @param momentum    momentum μ for {@link Kind#MOMENTUM}, in [0, 1)
 * @param nesterov    Nesterov momentum (momentum only, needs μ &gt; 0)
 * @param beta1       Adam β1 in [0, 1)
 * @param beta2       Adam β2 in [0, 1)
 * @param eps         Adam ε ≥ 0
 * @param weightDecay decoupled weight decay on weights only (not biases), AdamW only, ≥ 0
 * @param clipNorm    global gradient-norm clipping threshold, &gt; 0, or 0 for none
 */
public record OptimizerConfig(
    Kind kind, LrSchedule schedule, double momentum, boolean nesterov, double beta1, double beta2, double eps,
    double weightDecay, double clipNorm)
{
    /** The optimizer. */
    public enum Kind
    {
        /** Plain SGD. */
        SGD,
        /** SGD with (optionally Nesterov) momentum. */
        MOMENTUM,
        /** Adam (AdamW without weight decay). */
        ADAM,
        /** AdamW, decoupled weight decay on weights only. */
        ADAMW
    }

    /**
     * Validates every hyperparameter.
     *
     * @throws IllegalArgumentException naming the option
     */
    public OptimizerConfig
    {
        require(Double.isFinite(schedule.lr()) && schedule.lr() >= 0, "--lr must be finite and >= 0", schedule.lr());
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1)", momentum);
        require(beta1 >= 0 && beta1 < 1, "--beta1 must be in [0, 1)", beta1);
        require(beta2 >= 0 && beta2 < 1, "--beta2 must be in [0, 1)", beta2);
        require(Double.isFinite(eps) && eps >= 0, "--eps must be finite and >= 0", eps);
        require(Double.isFinite(weightDecay) && weightDecay >= 0, "--weight-decay must be finite and >= 0",
            weightDecay);
        require(Double.isFinite(clipNorm) && clipNorm >= 0, "--clip-norm must be finite and > 0", clipNorm);
        require(weightDecay == 0 || kind == Kind.ADAMW, "--weight-decay applies to adamw only", weightDecay);
        if (nesterov && (kind != Kind.MOMENTUM || momentum == 0))
        {
            throw new IllegalArgumentException("--nesterov needs --optimizer momentum with --momentum > 0");
        }
        require(schedule.warmup() >= 0, "--warmup must be >= 0", schedule.warmup());
        // a warmup longer than the run is a short run of a long schedule: the decay is simply never reached
        require(schedule.kind() == LrSchedule.Kind.CONSTANT || schedule.total() > 0, "--total-steps must be > 0",
            schedule.total());
    }

    private static void require(final boolean ok, final String rule, final double value)
    {
        if (!ok)
        {
            throw new IllegalArgumentException(rule + ", got " + value);
        }
    }

    /**
     * A short, stable description of what a checkpoint's optimizer state belongs to.
     *
     * @return e.g. {@code "adamw"}
     */
    public String stateKind()
    {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
