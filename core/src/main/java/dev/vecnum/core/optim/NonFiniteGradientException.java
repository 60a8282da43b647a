package dev.vecnum.core.optim;

/**
 * Thrown by {@link Optimizer#step()} under {@link NonFinitePolicy#THROW} when a gradient is NaN or ±Inf; parameters,
 * gradients and optimizer state are untouched.
 */
public final class NonFiniteGradientException extends ArithmeticException
{
    private static final long serialVersionUID = 1L;

    private final String viewName;
    private final int index;
    private final float value;

    NonFiniteGradientException(final String viewName, final int index, final float value, final long step)
    {
        super("non-finite gradient " + value + " in '" + viewName + "' at element " + index + " (step " + step + ")");
        this.viewName = viewName;
        this.index = index;
        this.value = value;
    }

    /**
     * @return name of the first view holding a non-finite gradient
     */
    public String viewName()
    {
        return viewName;
    }

    /**
     * @return index within that view of its first non-finite gradient
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the offending value
     */
    public float value()
    {
        return value;
    }
}
