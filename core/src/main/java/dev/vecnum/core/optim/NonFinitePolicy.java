package dev.vecnum.core.optim;

/**
 * What {@link Optimizer#step()} does when a gradient is NaN or ±Inf.
 */
public enum NonFinitePolicy
{
    /** No check (the default): non-finite gradients flow into the parameters, as in torch. */
    IGNORE,
    /** Leave parameters, state and the step counter untouched and return {@code false} (like AMP's GradScaler). */
    SKIP,
    /** Throw {@link NonFiniteGradientException} naming the view and element, before anything is written. */
    THROW
}
