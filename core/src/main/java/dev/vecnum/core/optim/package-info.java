/**
 * Object API for training loops: a {@link dev.vecnum.core.optim.ParameterArena} holds every tensor of a model in one
 * flat parameter array with a parallel gradient array and named views; an {@link dev.vecnum.core.optim.Optimizer}
 * ({@link dev.vecnum.core.optim.Sgd}, {@link dev.vecnum.core.optim.Momentum}, {@link dev.vecnum.core.optim.AdamW})
 * updates it in place with the fused kernels of {@link dev.vecnum.core.Optim}, per
 * {@link dev.vecnum.core.optim.ParamGroup}, following an {@link dev.vecnum.core.optim.LrSchedule}, with optional
 * global gradient-norm clipping ({@link dev.vecnum.core.optim.GradClip}) and a
 * {@link dev.vecnum.core.optim.NonFinitePolicy} guard. State (velocity, moments, step counter) saves to bytes and
 * restores so that a resumed run continues bit for bit. {@code step()} allocates nothing.
 *
 * <pre>{@code
 * ParameterArena arena = ParameterArena.builder()
 *     .matrix("w1", 3, 10).vector("b1", 10).matrix("w2", 10, 1).vector("b2", 1).build();
 * AdamW opt = AdamW.builder(arena).lr(1e-3).weightDecay(0.01)
 *     .group(ParamGroup.of("b1", "b2").named("biases").weightDecay(0))
 *     .schedule(LrSchedule.linearWarmupDecay(100, 5000)).clipGradNorm(1.0).build();
 * // per batch: opt.zeroGrad(); backward writes arena.grads() at each view's offset; opt.step();
 * }</pre>
 */
package dev.vecnum.core.optim;
