package dev.vecnum.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.Optim;

class OptimizerTest
{
    /** The lesson's 3-10-10-1 MLP. */
    static ParameterArena lessonArena()
    {
        return ParameterArena.builder()
            .matrix("w1", 3, 10).vector("b1", 10)
            .matrix("w2", 10, 10).vector("b2", 10)
            .matrix("w3", 10, 1).vector("b3", 1)
            .build();
    }

    static void fill(final Random rnd, final float[] x, final float scale)
    {
        for (int i = 0; i < x.length; i++)
        {
            x[i] = (rnd.nextFloat() * 2f - 1f) * scale;
        }
    }

    @Test
    void shouldLayOutViewsBackToBack()
    {
        final ParameterArena arena = lessonArena();
        assertEquals(30 + 10 + 100 + 10 + 10 + 1, arena.size());
        final ParameterView w2 = arena.view("w2");
        assertEquals(40, w2.offset());
        assertEquals(100, w2.length());
        assertEquals(10, w2.rows());
        assertEquals(10, w2.cols());
        assertArrayEquals(new int[] {10, 10}, w2.shape());
        final ParameterView b1 = arena.view("b1");
        assertEquals(1, b1.rows());
        assertEquals(10, b1.cols());
        assertSame(arena.params(), b1.params());
        assertSame(arena.grads(), b1.grads());
        assertEquals("w1", arena.viewAt(0).name());
        assertEquals("w1", arena.viewAt(29).name());
        assertEquals("b1", arena.viewAt(30).name());
        assertEquals("b3", arena.viewAt(arena.size() - 1).name());
        assertEquals(6, arena.views().size());
        assertThrows(IllegalArgumentException.class, () -> arena.view("nope"));
        assertThrows(UnsupportedOperationException.class, () -> arena.views().clear());
    }

    @Test
    void shouldRejectBadArenaDefinitions()
    {
        assertMessage(() -> ParameterArena.builder().vector("a", 1).vector("a", 2), "already exists");
        assertMessage(() -> ParameterArena.builder().vector("", 1), "name must be non-empty");
        assertMessage(() -> ParameterArena.builder().matrix("a", 0, 3), "dimensions >= 1");
        assertMessage(() -> ParameterArena.builder().add("a"), "at least one dimension");
        assertMessage(() -> ParameterArena.builder().matrix("a", 65536, 65536), "larger than a float[]");
        assertMessage(() -> Sgd.builder(ParameterArena.builder().build()).lr(0.1).build(), "arena has no views");
    }

    @Test
    void shouldStepLikeTheStaticKernelsPerGroup()
    {
        final Random rnd = new Random(1);
        final ParameterArena arena = lessonArena();
        fill(rnd, arena.params(), 1f);
        final float[] w = arena.params().clone();
        final float[] m = new float[w.length];
        final float[] v = new float[w.length];
        final AdamW opt = AdamW.builder(arena).lr(0.01).betas(0.8, 0.99).eps(1e-7).weightDecay(0.1)
            .group(ParamGroup.of("b1", "b2", "b3").named("biases").weightDecay(0)).build();
        assertEquals(2, opt.groupCount());
        assertEquals("biases", opt.groupName(0));
        assertEquals("default", opt.groupName(1));
        assertEquals(0f, opt.weightDecay(0));
        assertEquals(0.1f, opt.weightDecay(1));
        for (int t = 1; t <= 5; t++)
        {
            fill(rnd, arena.grads(), 2f);
            for (final ParameterView view : arena.views())
            {
                final float wd = view.name().startsWith("b") ? 0f : 0.1f;
                Optim.adamw(w, arena.grads(), m, v, view.offset(), view.length(), 0.01f, 0.8f, 0.99f, 1e-7f, wd, t);
            }
            assertTrue(opt.step());
            assertEquals(t, opt.stepCount());
            assertArrayEquals(w, arena.params(), "step " + t);
            assertArrayEquals(m, opt.firstMoment());
            assertArrayEquals(v, opt.secondMoment());
        }
        opt.zeroGrad();
        assertArrayEquals(new float[arena.size()], arena.grads());
    }

    @Test
    void shouldApplyScheduledLrPerGroup()
    {
        final ParameterArena arena = lessonArena();
        final float[] w = arena.params().clone();
        final float[] vel = new float[w.length];
        final LrSchedule schedule = LrSchedule.linearWarmupDecay(2, 6);
        final Momentum opt = Momentum.builder(arena).lr(0.1).momentum(0.9).nesterov(true).schedule(schedule)
            .group(ParamGroup.of("w1").lr(0.5)).build();
        assertEquals(0.5 * 1 / 2, opt.lr(0));
        assertEquals(0.1 * 1 / 2, opt.lr(1));
        final Random rnd = new Random(3);
        for (int t = 1; t <= 8; t++)
        {
            fill(rnd, arena.grads(), 1f);
            final ParameterView w1 = arena.view("w1");
            Optim.momentum(w, arena.grads(), vel, 0, w1.length(), (float) schedule.lr(0.5, t), 0.9f, true);
            Optim.momentum(w, arena.grads(), vel, w1.end(), w.length - w1.end(), (float) schedule.lr(0.1, t), 0.9f,
                true);
            opt.step();
            assertEquals(schedule.lr(0.5, t), opt.lr(0));
            assertEquals(schedule.lr(0.1, t), opt.lr(1));
            assertEquals(schedule.lr(0.5, t), opt.lr());
            assertArrayEquals(w, arena.params(), "step " + t);
            assertArrayEquals(vel, opt.velocity());
        }
    }

    @Test
    void shouldComputeScheduleValuesExactly()
    {
        final LrSchedule c = LrSchedule.constant();
        assertEquals(0.3, c.lr(0.3, 1));
        assertEquals(0.3, c.lr(0.3, 1_000_000));
        final LrSchedule lin = LrSchedule.linearWarmupDecay(4, 10);
        assertEquals(0.1 * 1 / 4, lin.lr(0.1, 1));
        assertEquals(0.1 * 3 / 4, lin.lr(0.1, 3));
        assertEquals(0.1, lin.lr(0.1, 4));
        assertEquals(0.1 - 0.1 * 1 / 6, lin.lr(0.1, 5));
        assertEquals(0.1 - 0.1 * 5 / 6, lin.lr(0.1, 9));
        assertEquals(0.0, lin.lr(0.1, 10));
        assertEquals(0.0, lin.lr(0.1, 11));
        final LrSchedule noWarmup = LrSchedule.linearWarmupDecay(0, 4);
        assertEquals(0.1 - 0.1 * 1 / 4, noWarmup.lr(0.1, 1));
        final LrSchedule cos = LrSchedule.cosineWarmup(2, 6);
        assertEquals(0.2 * 1 / 2, cos.lr(0.2, 1));
        assertEquals(0.2, cos.lr(0.2, 2));
        assertEquals(0.2 * 0.5 * (1 + StrictMath.cos(Math.PI * 0.25)), cos.lr(0.2, 3));
        assertEquals(0.2 * 0.5 * (1 + StrictMath.cos(Math.PI * 0.5)), cos.lr(0.2, 4));
        assertEquals(0.0, cos.lr(0.2, 6));
        assertEquals(0.0, cos.lr(0.2, 7));
        assertMessage(() -> LrSchedule.linearWarmupDecay(-1, 5), "warmup must be >= 0");
        assertMessage(() -> LrSchedule.cosineWarmup(5, 0), "total must be > 0, got 0");
        assertMessage(() -> LrSchedule.linearWarmupDecay(10, -1), "total must be > 0, got -1");
    }

    @Test
    void shouldOnlyWarmUpWhenTheWarmupOutlastsTheRun()
    {
        // the lesson's long schedule cut short: 10000 warmup steps, a run of 2552
        final LrSchedule lin = LrSchedule.linearWarmupDecay(10_000, 2552);
        assertEquals(1e-4 * 1 / 10_000, lin.lr(1e-4, 1));
        assertEquals(1e-4 * 2552 / 10_000, lin.lr(1e-4, 2552));
        assertEquals(1e-4 * 9999 / 10_000, lin.lr(1e-4, 9999));
        assertEquals(1e-4, lin.lr(1e-4, 10_000));
        assertEquals(0.0, lin.lr(1e-4, 10_001));
        final LrSchedule cos = LrSchedule.cosineWarmup(5, 5);
        assertEquals(0.2 * 3 / 5, cos.lr(0.2, 3));
        assertEquals(0.2, cos.lr(0.2, 5));
        assertEquals(0.0, cos.lr(0.2, 6));
    }

    @Test
    void shouldClipGlobalNormLikeTorch()
    {
        final ParameterArena arena = ParameterArena.builder().vector("a", 3).vector("b", 1).build();
        final float[] g = arena.grads();
        g[0] = 3f;
        g[1] = 0f;
        g[2] = 0f;
        g[3] = 4f; // norm 5 across two views
        final Sgd opt = Sgd.builder(arena).lr(1).clipGradNorm(1.0).build();
        opt.step();
        assertEquals(5.0, opt.lastGradNorm());
        final float coef = (float) (1.0 / (5.0 + 1e-6));
        assertArrayEquals(new float[] {3f * coef, 0f, 0f, 4f * coef}, g);
        assertArrayEquals(new float[] {-3f * coef, 0f, 0f, -4f * coef}, arena.params());
        // within bounds: untouched
        final float[] small = {0.3f, 0.4f};
        assertEquals(0.5, GradClip.clipGradNorm(small, 0, 2, 1.0), 1e-7);
        assertArrayEquals(new float[] {0.3f, 0.4f}, small);
        assertMessage(() -> GradClip.clipGradNorm(small, 0, 2, 0.0), "maxNorm must be finite and > 0");
    }

    @Test
    void shouldSkipOrThrowOnNonFiniteGradients()
    {
        final ParameterArena arena = lessonArena();
        final Random rnd = new Random(5);
        fill(rnd, arena.params(), 1f);
        fill(rnd, arena.grads(), 1f);
        final float[] p0 = arena.params().clone();
        arena.grads()[arena.view("w2").offset() + 7] = Float.NaN;
        final float[] g0 = arena.grads().clone();

        final AdamW skip = AdamW.builder(arena).nonFiniteGradients(NonFinitePolicy.SKIP).clipGradNorm(0.1).build();
        assertFalse(skip.step());
        assertEquals(0, skip.stepCount());
        assertEquals(1, skip.skippedSteps());
        assertArrayEquals(p0, arena.params());
        assertArrayEquals(g0, arena.grads());
        assertArrayEquals(new float[arena.size()], skip.firstMoment());

        final Momentum thrower = Momentum.builder(arena).lr(0.1).momentum(0.9)
            .nonFiniteGradients(NonFinitePolicy.THROW).build();
        arena.grads()[arena.view("b3").offset()] = Float.NEGATIVE_INFINITY;
        final NonFiniteGradientException e = assertThrows(NonFiniteGradientException.class, thrower::step);
        assertEquals("w2", e.viewName());
        assertEquals(7, e.index());
        assertTrue(e.getMessage().contains("'w2'"), e.getMessage());
        assertArrayEquals(p0, arena.params());
        assertArrayEquals(new float[arena.size()], thrower.velocity());
        assertEquals(0, thrower.stepCount());
    }

    @Test
    void shouldResumeBitForBit() throws IOException
    {
        for (final String kind : new String[] {"sgd", "momentum", "adamw"})
        {
            final int total = 12;
            final int saveAt = 5;
            final ParameterArena straight = lessonArena();
            final Optimizer a = build(kind, straight);
            fill(new Random(7), straight.params(), 1f);
            final Random gradsA = new Random(11);
            float[] paramsAtSave = null;
            byte[] state = null;
            for (int t = 1; t <= total; t++)
            {
                fill(gradsA, straight.grads(), 3f);
                a.step();
                if (t == saveAt)
                {
                    paramsAtSave = straight.params().clone();
                    final ByteArrayOutputStream out = new ByteArrayOutputStream();
                    a.saveState(out);
                    state = out.toByteArray();
                    assertArrayEquals(state, a.saveState());
                }
            }

            final ParameterArena resumed = lessonArena();
            final Optimizer b = build(kind, resumed);
            System.arraycopy(paramsAtSave, 0, resumed.params(), 0, paramsAtSave.length);
            b.loadState(new ByteArrayInputStream(state));
            assertEquals(saveAt, b.stepCount());
            assertEquals(a.schedule().lr(0.05, saveAt), b.lr(b.groupCount() - 1), kind);
            final Random gradsB = new Random(11);
            for (int t = 1; t <= total; t++)
            {
                fill(gradsB, resumed.grads(), 3f);
                if (t > saveAt)
                {
                    b.step();
                }
            }
            assertEquals(total, b.stepCount());
            assertArrayEquals(straight.params(), resumed.params(), kind);
            assertArrayEquals(a.saveState(), b.saveState(), kind);
        }
    }

    @Test
    void shouldRejectCorruptOrMismatchedState()
    {
        final ParameterArena arena = lessonArena();
        final AdamW opt = AdamW.builder(arena).build();
        fill(new Random(2), arena.grads(), 1f);
        opt.step();
        final byte[] good = opt.saveState();
        final AdamW fresh = AdamW.builder(lessonArena()).build();

        final byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertMessage(() -> fresh.loadState(flipped), "CRC-32");
        final byte[] badMagic = good.clone();
        badMagic[0] = 0;
        assertMessage(() -> fresh.loadState(badMagic), "not a vecnum optimizer state");
        final byte[] badVersion = good.clone();
        badVersion[7] = 9;
        assertMessage(() -> fresh.loadState(badVersion), "unsupported optimizer state version 9");
        assertThrows(IllegalArgumentException.class, () -> fresh.loadState(java.util.Arrays.copyOf(good, 40)));
        final byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertMessage(() -> fresh.loadState(trailing), "trailing");
        assertMessage(() -> Momentum.builder(lessonArena()).lr(0.1).momentum(0.5).build().loadState(good),
            "state is for adamw");
        assertMessage(() -> AdamW.builder(ParameterArena.builder().vector("x", 3).build()).build().loadState(good),
            "over 161 parameters");
        assertEquals(0, fresh.stepCount());
        assertArrayEquals(new float[arena.size()], fresh.firstMoment());
        fresh.loadState(good);
        assertEquals(1, fresh.stepCount());
        assertArrayEquals(opt.secondMoment(), fresh.secondMoment());
        assertNotEquals(0f, fresh.secondMoment()[0]);
    }

    @Test
    void shouldRejectBadBuilderSettings()
    {
        final ParameterArena arena = lessonArena();
        assertMessage(() -> Sgd.builder(arena).build(), "Sgd: lr is required");
        assertMessage(() -> Sgd.builder(arena).lr(-0.1), "lr must be finite and >= 0");
        assertMessage(() -> Sgd.builder(arena).lr(Double.NaN), "lr must be finite");
        assertMessage(() -> Sgd.builder(arena).lr(Double.POSITIVE_INFINITY), "lr must be finite");
        assertMessage(() -> Momentum.builder(arena).lr(0.1).build(), "momentum is required");
        assertMessage(() -> Momentum.builder(arena).momentum(1.0), "momentum must be in [0, 1)");
        assertMessage(() -> Momentum.builder(arena).momentum(-0.1), "momentum must be in [0, 1)");
        assertMessage(() -> AdamW.builder(arena).betas(1.0, 0.9), "beta1 must be in [0, 1)");
        assertMessage(() -> AdamW.builder(arena).betas(0.9, 0.99999999999), "beta2 must be in [0, 1)");
        assertMessage(() -> AdamW.builder(arena).eps(-1e-8), "eps must be finite and >= 0");
        assertMessage(() -> AdamW.builder(arena).weightDecay(-1), "weightDecay must be finite and >= 0");
        assertMessage(() -> AdamW.builder(arena).clipGradNorm(0), "maxNorm must be finite and > 0");
        assertMessage(() -> AdamW.builder(arena).schedule(null), "schedule is null");
        assertMessage(() -> AdamW.builder(arena).nonFiniteGradients(null), "policy is null");
        assertMessage(() -> AdamW.builder(null), "arena is null");
        assertMessage(() -> AdamW.builder(arena).group(ParamGroup.of("zz")).build(), "names view 'zz'");
        assertMessage(() -> AdamW.builder(arena).group(ParamGroup.of("w1")).group(ParamGroup.of("b1", "w1")).build(),
            "view 'w1' is in group 'w1' and in group 'b1,w1'");
        assertMessage(() -> Sgd.builder(arena).lr(0.1).group(ParamGroup.of("w1").weightDecay(0.1)).build(),
            "only AdamW decays weights");
        assertMessage(() -> ParamGroup.of("w1").lr(-1), "lr must be finite and >= 0");
        assertMessage(() -> ParamGroup.of(), "at least one view");
        final Sgd bad = Sgd.builder(arena).lr(0.1).schedule((lr, t) -> t > 1 ? -lr : lr).build();
        bad.step();
        final float[] p = arena.params().clone();
        assertThrows(IllegalStateException.class, bad::step);
        assertArrayEquals(p, arena.params());
        assertEquals(1, bad.stepCount());
    }

    private static Optimizer build(final String kind, final ParameterArena arena)
    {
        final LrSchedule schedule = LrSchedule.cosineWarmup(3, 20);
        switch (kind)
        {
            case "sgd":
                return Sgd.builder(arena).lr(0.05).schedule(schedule).clipGradNorm(2.0).build();
            case "momentum":
                return Momentum.builder(arena).lr(0.05).momentum(0.9).nesterov(true).schedule(schedule)
                    .clipGradNorm(2.0).build();
            default:
                return AdamW.builder(arena).lr(0.05).weightDecay(0.1).schedule(schedule)
                    .group(ParamGroup.of("b1", "b2", "b3").weightDecay(0)).clipGradNorm(2.0).build();
        }
    }

    static void assertMessage(final org.junit.jupiter.api.function.Executable call, final String fragment)
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
