package dev.vecnum.core.kernel;

/**
 * Fused in-place optimizer updates over {@code [off, off+len)} of parallel arrays. Hyperparameters and ranges are
 * validated by {@link dev.vecnum.core.Optim}. Stateless; thread-safe for disjoint ranges.
 */
public interface OptimKernels
{
    /**
     * w -= lr·g.
     *
     * @param w   parameters, in place
     * @param g   gradients
     * @param off first element
     * @param len element count
     * @param lr  learning rate
     */
    void sgd(float[] w, float[] g, int off, int len, float lr);

    /**
     * v = μ·v + g; w -= lr·(nesterov ? g + μ·v : v).
     *
     * @param w        parameters, in place
     * @param g        gradients
     * @param velocity velocity, in place
     * @param off      first element
     * @param len      element count
     * @param lr       learning rate
     * @param momentum μ
     * @param nesterov Nesterov form
     */
    void momentum(float[] w, float[] g, float[] velocity, int off, int len, float lr, float momentum, boolean nesterov);

    /**
     * torch.optim.AdamW: w *= 1 − lr·wd; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
     * w −= lr/(1−β1^step) · m / (√v/√(1−β2^step) + eps).
     *
     * @param w           parameters, in place
     * @param g           gradients
     * @param m           first moment, in place
     * @param v           second moment, in place
     * @param off         first element
     * @param len         element count
     * @param lr          learning rate
     * @param beta1       β1
     * @param beta2       β2
     * @param eps         ε
     * @param weightDecay decoupled weight decay
     * @param step        step number, from 1
     */
    void adamw(float[] w, float[] g, float[] m, float[] v, int off, int len,
        float lr, float beta1, float beta2, float eps, float weightDecay, int step);
}
