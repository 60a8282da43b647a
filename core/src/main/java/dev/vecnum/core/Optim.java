package dev.vecnum.core;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.OptimKernels;

/**
 * Fused in-place optimizer updates over {@code [off, off+len)} of flat float arrays, one pass each, following
 * {@code torch.optim} semantics.
 *
 * <p>Hyperparameters follow torch.optim's rules (lr finite and ≥ 0, 0 ≤ β &lt; 1, eps ≥ 0, weight decay ≥ 0,
 * step ≥ 1) and every array must hold the range; anything else throws {@link IllegalArgumentException} naming the
 * argument, before any array is written. Parameter and state arrays must be distinct arrays. Nothing is allocated.
 * Thread-safe for disjoint ranges.
 */
public final class Optim
{
    private static final OptimKernels KERNELS = Kernels.OPTIM;

    private Optim()
    {
    }

    /**
     * Plain SGD: w[i] -= lr·g[i].
     *
     * @param w   parameters, updated in place
     * @param g   gradients
     * @param off first element
     * @param len element count
     * @param lr  learning rate, finite and ≥ 0
     */
    public static void sgd(final float[] w, final float[] g, final int off, final int len, final float lr)
    {
        final String op = "sgd";
        checkLr(op, lr);
        Checks.range(op, "w", w, off, len);
        Checks.range(op, "g", g, off, len);
        Checks.notSameArray(op, "w", w, "g", g);
        KERNELS.sgd(w, g, off, len, lr);
    }

    /**
     * SGD with momentum (torch form): v = μ·v + g; w -= lr·(nesterov ? g + μ·v : v); velocity starts at 0.
     * The lesson's form v' = β·v' − lr·g; w += v' is the same update for a constant lr (v' = −lr·v).
     *
     * @param w        parameters, updated in place
     * @param g        gradients
     * @param velocity velocity buffer, updated in place
     * @param off      first element
     * @param len      element count
     * @param lr       learning rate, finite and ≥ 0
     * @param momentum μ in [0, 1)
     * @param nesterov use Nesterov momentum
     */
    public static void momentum(
        final float[] w, final float[] g, final float[] velocity, final int off, final int len,
        final float lr, final float momentum, final boolean nesterov)
    {
        final String op = "momentum";
        checkLr(op, lr);
        checkBeta(op, "momentum", momentum);
        Checks.range(op, "w", w, off, len);
        Checks.range(op, "g", g, off, len);
        Checks.range(op, "velocity", velocity, off, len);
        Checks.notSameArray(op, "w", w, "g", g);
        Checks.notSameArray(op, "w", w, "velocity", velocity);
        Checks.notSameArray(op, "velocity", velocity, "g", g);
        KERNELS.momentum(w, g, velocity, off, len, lr, momentum, nesterov);
    }

    /**
     * AdamW (torch form; Adam is {@code weightDecay = 0}): w *= 1 − lr·wd; m = β1·m + (1−β1)·g;
     * v = β2·v + (1−β2)·g²; w −= lr·(m/(1−β1^step)) / (√(v/(1−β2^step)) + eps).
     *
     * @param w           parameters, updated in place
     * @param g           gradients
     * @param m           first moment, updated in place (starts at 0)
     * @param v           second moment, updated in place (starts at 0)
     * @param off         first element
     * @param len         element count
     * @param lr          learning rate, finite and ≥ 0
     * @param beta1       β1 in [0, 1)
     * @param beta2       β2 in [0, 1)
     * @param eps         ε, finite and ≥ 0
     * @param weightDecay decoupled weight decay, finite and ≥ 0
     * @param step        1-based step number
     */
    public static void adamw(
        final float[] w, final float[] g, final float[] m, final float[] v, final int off, final int len,
        final float lr, final float beta1, final float beta2, final float eps, final float weightDecay, final int step)
    {
        final String op = "adamw";
        checkLr(op, lr);
        checkBeta(op, "beta1", beta1);
        checkBeta(op, "beta2", beta2);
        checkNonNegative(op, "eps", eps);
        checkNonNegative(op, "weightDecay", weightDecay);
        if (step < 1)
        {
            throw new IllegalArgumentException(op + ": step must be >= 1 (counts from 1), got " + step);
        }
        Checks.range(op, "w", w, off, len);
        Checks.range(op, "g", g, off, len);
        Checks.range(op, "m", m, off, len);
        Checks.range(op, "v", v, off, len);
        Checks.notSameArray(op, "w", w, "g", g);
        Checks.notSameArray(op, "w", w, "m", m);
        Checks.notSameArray(op, "w", w, "v", v);
        Checks.notSameArray(op, "m", m, "v", v);
        Checks.notSameArray(op, "m", m, "g", g);
        Checks.notSameArray(op, "v", v, "g", g);
        KERNELS.adamw(w, g, m, v, off, len, lr, beta1, beta2, eps, weightDecay, step);
    }

    private static void checkLr(final String op, final float lr)
    {
        checkNonNegative(op, "lr", lr);
    }

    private static void checkNonNegative(final String op, final String name, final float value)
    {
        if (!(Float.isFinite(value) && value >= 0f))
        {
            throw new IllegalArgumentException(op + ": " + name + " must be finite and >= 0, got " + value);
        }
    }

    private static void checkBeta(final String op, final String name, final float beta)
    {
        if (!(beta >= 0f && beta < 1f))
        {
            throw new IllegalArgumentException(op + ": " + name + " must be in [0, 1), got " + beta);
        }
    }
}
