package dev.vecnum.core;

import static dev.vecnum.core.MatmulTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.vecnum.core.kernel.Kernels;
import dev.vecnum.core.kernel.LossKernels;
import dev.vecnum.core.kernel.ScalarLoss;

/**
 * Softmax cross-entropy, softmax, argmax and the squared error against double-precision references written here,
 * for the vector kernels, the scalar kernels and the public API (whichever is active), on the issue's shapes.
 */
class LossesTest
{
    /** Loss: relative to the double reference. */
    private static final double LOSS_TOLERANCE = 1e-5;
    /** Gradient and softmax: absolute. */
    private static final double GRAD_TOLERANCE = 1e-6;

    private static final LossKernels VECTOR = Kernels.vectorLoss();
    private static final LossKernels SCALAR = ScalarLoss.INSTANCE;

    private static int[] classCounts()
    {
        return IntStream.of(1, 2, 3, 7, 10, 17, 100, 1000, TestSizes.LANES - 1, TestSizes.LANES,
            TestSizes.LANES + 1, 2 * TestSizes.LANES + 3).distinct().filter(c -> c >= 1).toArray();
    }

    private static final int[] ROWS = {1, 2, 3, 5, 31, 64, 257, 1000, 4096};
    private static final float[] SCALES = {1f, 30f, 1e4f};

    /** Double-precision reference: the mean loss, and the gradient into {@code grad} when not null. */
    static double referenceCrossEntropy(
        final float[] logits, final int off, final int rows, final int classes, final int[] labels,
        final int labelOff, final double[] grad)
    {
        double total = 0;
        for (int r = 0; r < rows; r++)
        {
            final int row = off + r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++)
            {
                max = Math.max(max, logits[row + j]);
            }
            // the maxima's exp(0) = 1 kept apart: log(ties + rest) = log1p(ties − 1 + rest) stays precise when the
            // rest is below double's epsilon relative to 1 (confident rows)
            double rest = 0;
            int ties = 0;
            for (int j = 0; j < classes; j++)
            {
                if (logits[row + j] == max)
                {
                    ties++;
                }
                else
                {
                    rest += Math.exp(logits[row + j] - max);
                }
            }
            final double sum = ties + rest;
            final int label = labels[labelOff + r];
            total += Math.log1p(ties - 1 + rest) - (logits[row + label] - max);
            if (grad != null)
            {
                for (int j = 0; j < classes; j++)
                {
                    grad[r * classes + j] = (Math.exp(logits[row + j] - max) / sum - (j == label ? 1 : 0)) / rows;
                }
            }
        }
        return total / rows;
    }

    private record Case(float[] logits, int off, int rows, int classes, int[] labels, int labelOff)
    {
        int len()
        {
            return rows * classes;
        }
    }

    private static Case randomCase(final Random rnd, final int rows, final int classes, final float scale)
    {
        final int off = rnd.nextInt(5);
        final int labelOff = rnd.nextInt(3);
        final float[] logits = TestSizes.randomFloats(rnd, off + rows * classes + 2, scale);
        final int[] labels = new int[labelOff + rows + 1];
        for (int r = 0; r < rows; r++)
        {
            labels[labelOff + r] = rnd.nextInt(classes);
        }
        return new Case(logits, off, rows, classes, labels, labelOff);
    }

    /** Runs one kernel on a case with a separate, offset gradient; asserts loss and gradient against the reference. */
    private static void assertMatchesReference(final LossKernels kernels, final String name, final Case c)
    {
        final String where = name + " rows=" + c.rows + " classes=" + c.classes;
        final double[] expectedGrad = new double[c.len()];
        final double expected = referenceCrossEntropy(c.logits, c.off, c.rows, c.classes, c.labels, c.labelOff,
            expectedGrad);
        final int gradOff = 3;
        final float[] grad = new float[gradOff + c.len() + 2];
        Arrays.fill(grad, 42f);
        final double loss = kernels.softmaxCrossEntropy(c.logits, c.off, c.rows, c.classes, c.labels, c.labelOff,
            grad, gradOff);
        assertEquals(expected, loss, LOSS_TOLERANCE * Math.abs(expected), where);
        for (int i = 0; i < c.len(); i++)
        {
            assertEquals(expectedGrad[i], grad[gradOff + i], GRAD_TOLERANCE, where + " grad " + i);
        }
        assertEquals(42f, grad[gradOff - 1], where + ": wrote before the gradient");
        assertEquals(42f, grad[gradOff + c.len()], where + ": wrote past the gradient");
        assertEquals(loss, kernels.softmaxCrossEntropy(c.logits, c.off, c.rows, c.classes, c.labels, c.labelOff,
            null, 0), 0.0, where + ": loss alone");
    }

    @Test
    void shouldMatchDoubleReferenceOnIssueShapesForVectorAndScalar()
    {
        final Random rnd = new Random(11);
        for (final int classes : classCounts())
        {
            for (final int rows : ROWS)
            {
                for (final float scale : SCALES)
                {
                    final Case c = randomCase(rnd, rows, classes, scale);
                    assertMatchesReference(VECTOR, "vector", c);
                    assertMatchesReference(SCALAR, "scalar", c);
                }
            }
        }
    }

    @Test
    void shouldAgreeVectorWithScalarOnManySizes()
    {
        final Random rnd = new Random(5);
        for (int classes = 1; classes <= 3 * TestSizes.LANES + 2; classes++)
        {
            for (final int rows : new int[] {1, 2, 7, 33})
            {
                final Case c = randomCase(rnd, rows, classes, 8f);
                final float[] gv = new float[c.len()];
                final float[] gs = new float[c.len()];
                final double lv = VECTOR.softmaxCrossEntropy(c.logits, c.off, rows, classes, c.labels, c.labelOff,
                    gv, 0);
                final double ls = SCALAR.softmaxCrossEntropy(c.logits, c.off, rows, classes, c.labels, c.labelOff,
                    gs, 0);
                final String where = "rows=" + rows + " classes=" + classes;
                assertEquals(ls, lv, 2e-6 * Math.abs(ls) + 1e-12, where);
                for (int i = 0; i < gv.length; i++)
                {
                    assertEquals(gs[i], gv[i], 2e-7, where + " grad " + i);
                }
            }
        }
    }

    @Test
    void shouldComputeKnownValues()
    {
        // two rows: uniform logits over 4 classes, and one with a clear winner
        final float[] logits = {0f, 0f, 0f, 0f, 2f, 0f, 0f, 0f};
        final int[] labels = {1, 0};
        final double e2 = Math.exp(2);
        final double expectedLoss = (Math.log(4) + Math.log(e2 + 3) - 2) / 2;
        for (final LossKernels k : new LossKernels[] {VECTOR, SCALAR})
        {
            final float[] grad = new float[8];
            final double loss = k.softmaxCrossEntropy(logits, 0, 2, 4, labels, 0, grad, 0);
            assertEquals(expectedLoss, loss, 1e-7);
            assertEquals((0.25 - 1) / 2, grad[1], 1e-7);
            assertEquals(0.25 / 2, grad[0], 1e-7);
            assertEquals((e2 / (e2 + 3) - 1) / 2, grad[4], 1e-7);
            assertEquals(1 / (e2 + 3) / 2, grad[7], 1e-7);
        }
        // one class: the loss is 0 and so is the gradient
        final float[] one = {123f, -5f};
        final float[] g = {9f, 9f};
        assertEquals(0.0, Losses.softmaxCrossEntropy(one, 0, 2, 1, new int[] {0, 0}, 0, g, 0));
        assertArrayEquals(new float[] {0f, 0f}, g);
    }

    @Test
    void shouldWorkInPlaceExactlyAsWithSeparateGradient()
    {
        final Random rnd = new Random(8);
        for (final LossKernels k : new LossKernels[] {VECTOR, SCALAR})
        {
            for (final int classes : new int[] {1, 2, 10, 17, 1000})
            {
                final Case c = randomCase(rnd, 37, classes, 10f);
                final float[] separate = new float[c.len()];
                final double expected = k.softmaxCrossEntropy(c.logits, c.off, c.rows, classes, c.labels, c.labelOff,
                    separate, 0);
                final float[] inPlace = c.logits.clone();
                final double loss = k.softmaxCrossEntropy(inPlace, c.off, c.rows, classes, c.labels, c.labelOff,
                    inPlace, c.off);
                assertEquals(expected, loss, 0.0, "classes=" + classes);
                assertArrayEquals(separate, Arrays.copyOfRange(inPlace, c.off, c.off + c.len()),
                    "classes=" + classes);
            }
        }
        // and through the public API
        final float[] x = {1f, 2f, 3f, 4f, 5f, 6f};
        final float[] y = x.clone();
        final float[] g = new float[6];
        final double expected = Losses.softmaxCrossEntropy(x, 0, 2, 3, new int[] {2, 0}, 0, g, 0);
        assertEquals(expected, Losses.softmaxCrossEntropy(y, 0, 2, 3, new int[] {2, 0}, 0, y, 0), 0.0);
        assertArrayEquals(g, y);
    }

    @Test
    void shouldNotOverflowForHugeLogits()
    {
        final float[] logits = {1e30f, -1e30f, 1e30f, 0f, -1e30f, 1e30f, 3e29f, 0f};
        final int[] labels = {1, 0};
        final double[] expectedGrad = new double[8];
        final double expected = referenceCrossEntropy(logits, 0, 2, 4, labels, 0, expectedGrad);
        assertTrue(Double.isFinite(expected) && expected > 1e29, "reference " + expected);
        for (final LossKernels k : new LossKernels[] {VECTOR, SCALAR})
        {
            final float[] grad = new float[8];
            final double loss = k.softmaxCrossEntropy(logits, 0, 2, 4, labels, 0, grad, 0);
            assertEquals(expected, loss, LOSS_TOLERANCE * expected);
            for (int i = 0; i < 8; i++)
            {
                assertEquals(expectedGrad[i], grad[i], GRAD_TOLERANCE, "grad " + i);
            }
        }
        // two tied maxima at 1e30: the loss is log 2 exactly as for logits (0, 0)
        final float[] tied = {1e30f, 1e30f, -1e30f};
        assertEquals(Math.log(2), VECTOR.softmaxCrossEntropy(tied, 0, 1, 3, new int[] {0}, 0, null, 0), 1e-7);
        assertEquals(Math.log(2), SCALAR.softmaxCrossEntropy(tied, 0, 1, 3, new int[] {0}, 0, null, 0), 1e-12);
    }

    @Test
    void shouldKeepRelativePrecisionOfSmallConfidentLosses()
    {
        // every row predicts its label with a margin of 16 or more: per-row losses below 1e-3 (1000 classes), 1e-7 (2)
        final Random rnd = new Random(3);
        for (final int classes : new int[] {2, 10, 17, 1000})
        {
            final int rows = 64;
            final float[] logits = new float[rows * classes];
            final int[] labels = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                labels[r] = rnd.nextInt(classes);
                for (int j = 0; j < classes; j++)
                {
                    logits[r * classes + j] = j == labels[r] ? 24f + rnd.nextFloat() : rnd.nextFloat() * 8f;
                }
            }
            final double expected = referenceCrossEntropy(logits, 0, rows, classes, labels, 0, null);
            assertTrue(expected < 1e-3, "small loss " + expected);
            assertEquals(expected, VECTOR.softmaxCrossEntropy(logits, 0, rows, classes, labels, 0, null, 0),
                LOSS_TOLERANCE * expected, "vector classes=" + classes);
            assertEquals(expected, SCALAR.softmaxCrossEntropy(logits, 0, rows, classes, labels, 0, null, 0),
                LOSS_TOLERANCE * expected, "scalar classes=" + classes);
        }
    }

    @Test
    void shouldHandleTiesAndLabelsAtTheMaximum()
    {
        final Random rnd = new Random(9);
        for (final int classes : new int[] {2, 10, 17, 1000})
        {
            final int rows = 50;
            final float[] logits = new float[rows * classes];
            final int[] labels = new int[rows];
            for (int r = 0; r < rows; r++)
            {
                // a few distinct values only: many ties, the label often one of the maxima
                for (int j = 0; j < classes; j++)
                {
                    logits[r * classes + j] = rnd.nextInt(3) * 0.5f;
                }
                labels[r] = rnd.nextInt(classes);
            }
            assertMatchesReference(VECTOR, "vector ties", new Case(logits, 0, rows, classes, labels, 0));
            assertMatchesReference(SCALAR, "scalar ties", new Case(logits, 0, rows, classes, labels, 0));
        }
    }

    @Test
    void shouldGiveNaNForRowsWithNaNOrInfinity()
    {
        for (final LossKernels k : new LossKernels[] {VECTOR, SCALAR})
        {
            for (final float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY})
            {
                for (final int at : new int[] {0, 5, 9})
                {
                    final float[] logits = new float[20];
                    logits[10 + at] = bad;
                    final float[] grad = new float[20];
                    final double loss = k.softmaxCrossEntropy(logits, 0, 2, 10, new int[] {3, 4}, 0, grad, 0);
                    assertTrue(Double.isNaN(loss), "loss " + loss + " for " + bad + " at " + at);
                    assertEquals(0.1f / 2, grad[0], 1e-7, "first row unaffected");
                    assertTrue(Float.isNaN(grad[10 + at]), "second row NaN");
                }
            }
            // −∞ logits next to finite ones are just impossible classes
            final float[] logits = {Float.NEGATIVE_INFINITY, 0f, 0f};
            final float[] grad = new float[3];
            assertEquals(Math.log(2), k.softmaxCrossEntropy(logits, 0, 1, 3, new int[] {1}, 0, grad, 0), 1e-7);
            assertArrayEquals(new float[] {0f, -0.5f, 0.5f}, grad, 1e-7f);
        }
    }

    @Test
    void shouldBeDeterministic()
    {
        final Case c = randomCase(new Random(1), 300, 17, 5f);
        final float[] g1 = new float[c.len()];
        final float[] g2 = new float[c.len()];
        final double l1 = Losses.softmaxCrossEntropy(c.logits, c.off, c.rows, c.classes, c.labels, c.labelOff, g1, 0);
        final double l2 = Losses.softmaxCrossEntropy(c.logits, c.off, c.rows, c.classes, c.labels, c.labelOff, g2, 0);
        assertEquals(l1, l2, 0.0);
        assertArrayEquals(g1, g2);
    }

    @Test
    void shouldComputeSoftmaxRows()
    {
        final Random rnd = new Random(12);
        for (final LossKernels k : new LossKernels[] {VECTOR, SCALAR})
        {
            for (final int cols : classCounts())
            {
                for (final float scale : SCALES)
                {
                    final int rows = 9;
                    final float[] x = TestSizes.randomFloats(rnd, 1 + rows * cols, scale);
                    final float[] out = new float[2 + rows * cols];
                    k.softmax(x, 1, rows, cols, out, 2);
                    for (int r = 0; r < rows; r++)
                    {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < cols; j++)
                        {
                            max = Math.max(max, x[1 + r * cols + j]);
                        }
                        double sum = 0;
                        for (int j = 0; j < cols; j++)
                        {
                            sum += Math.exp(x[1 + r * cols + j] - max);
                        }
                        double outSum = 0;
                        for (int j = 0; j < cols; j++)
                        {
                            final double expected = Math.exp(x[1 + r * cols + j] - max) / sum;
                            assertEquals(expected, out[2 + r * cols + j], GRAD_TOLERANCE * Math.max(1, expected));
                            outSum += out[2 + r * cols + j];
                        }
                        assertEquals(1.0, outSum, 1e-5, "row sum, cols=" + cols);
                    }
                    // in place
                    final float[] y = x.clone();
                    k.softmax(y, 1, rows, cols, y, 1);
                    assertArrayEquals(Arrays.copyOfRange(out, 2, out.length), Arrays.copyOfRange(y, 1, y.length));
                }
            }
        }
        final float[] x = {1f, 1f};
        Losses.softmax(x, 0, 1, 2, x, 0);
        assertArrayEquals(new float[] {0.5f, 0.5f}, x);
        Losses.softmax(x, 0, 3, 0, x, 0); // no columns: nothing to do
    }

    @Test
    void shouldFindArgmaxAndCountCorrect()
    {
        final float[] x = {
            1f, 3f, 3f, 0f, // tie: first wins → 1
            -1f, -2f, -3f, -0.5f, // → 3
            0f, Float.NaN, 5f, Float.NaN, // first NaN → 1
            Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, // → 0
        };
        final int[] out = new int[6];
        Losses.argmax(x, 0, 4, 4, out, 1);
        assertArrayEquals(new int[] {0, 1, 3, 1, 0, 0}, out);
        assertEquals(2, Losses.countCorrect(x, 0, 4, 4, new int[] {1, 0, 1, 3}, 0));
        assertEquals(4, Losses.countCorrect(x, 0, 4, 4, new int[] {9, 1, 3, 1, 0}, 1));
        final Random rnd = new Random(2);
        for (final int cols : classCounts())
        {
            final float[] y = TestSizes.randomFloats(rnd, 50 * cols, 1f);
            final int[] a = new int[50];
            Losses.argmax(y, 0, 50, cols, a, 0);
            for (int r = 0; r < 50; r++)
            {
                for (int j = 0; j < cols; j++)
                {
                    assertTrue(y[r * cols + j] <= y[r * cols + a[r]], "cols=" + cols + " row " + r);
                }
            }
            assertEquals(50, Losses.countCorrect(y, 0, 50, cols, a, 0));
            assertEquals(50, VECTOR.countCorrect(y, 0, 50, cols, a, 0));
        }
    }

    @Test
    void shouldReproduceTheLessonSquaredErrorBitForBit()
    {
        final Random rnd = new Random(7);
        for (final int n : TestSizes.lengths())
        {
            final float[] pred = TestSizes.randomFloats(rnd, n + 2, 3f);
            final float[] y = TestSizes.randomFloats(rnd, n + 1, 3f);
            // the lesson's Mse.residual, as it was written in the examples
            final float[] expectedR = new float[n];
            double expected = 0;
            for (int i = 0; i < n; i++)
            {
                final float d = pred[2 + i] - y[1 + i];
                expectedR[i] = d;
                expected += (double) d * d;
            }
            for (final LossKernels k : new LossKernels[] {VECTOR, SCALAR})
            {
                final float[] r = new float[n + 4];
                assertEquals(expected, k.residualSumOfSquares(pred, 2, y, 1, r, 4, n), 0.0, "n=" + n);
                assertArrayEquals(expectedR, Arrays.copyOfRange(r, 4, 4 + n));
            }
            final float[] inPlace = pred.clone();
            assertEquals(expected, Losses.residualSumOfSquares(inPlace, 2, y, 1, inPlace, 2, n), 0.0);
            assertArrayEquals(expectedR, Arrays.copyOfRange(inPlace, 2, 2 + n));
        }
    }

    @Test
    void shouldReturnNaNForNoRowsAndWriteNothing()
    {
        final float[] grad = {7f};
        assertTrue(Double.isNaN(Losses.softmaxCrossEntropy(new float[0], 0, 0, 10, new int[0], 0, grad, 0)));
        assertArrayEquals(new float[] {7f}, grad);
        assertEquals(0, Losses.countCorrect(new float[0], 0, 0, 10, new int[0], 0));
    }

    @Test
    void shouldRejectBadArgumentsBeforeWritingAnything()
    {
        final float[] logits = new float[2 * 3];
        final float[] grad = new float[6];
        Arrays.fill(grad, 5f);
        final int[] labels = {0, 2};
        final String ce = "softmaxCrossEntropy: ";
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, new int[] {0, 3}, 0, grad, 0),
            ce + "labels[1] = 3 (row 1) is outside [0, 3)");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, new int[] {9, -1, 1}, 1, grad, 0),
            ce + "labels[1] = -1 (row 0) is outside [0, 3)");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, new int[] {1}, 0, grad, 0),
            ce + "labels too short: needs labelsOff + 2 = 2 ints, has 1");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 1, 2, 3, labels, 0, grad, 0),
            ce + "logits too short: needs logitsOff + 6 = 7 floats, has 6");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, labels, 0, grad, 2),
            ce + "grad too short");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, labels, -1, grad, 0),
            ce + "labelsOff must be >= 0, got -1");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, -2, 3, labels, 0, grad, 0),
            ce + "rows must be >= 0, got -2");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 0, labels, 0, grad, 0),
            ce + "classes must be >= 1, got 0");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 1 << 16, 1 << 16, labels, 0, grad, 0),
            ce + "rows*classes = 65536*65536 = 4294967296 is negative or overflows int");
        assertMessage(() -> Losses.softmaxCrossEntropy(null, 0, 2, 3, labels, 0, grad, 0), ce + "logits is null");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, null, 0, grad, 0), ce + "labels is null");
        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, labels, 0, null, 0), ce + "grad is null");
        final float[] shared = new float[12];
        assertMessage(() -> Losses.softmaxCrossEntropy(shared, 0, 2, 3, labels, 0, shared, 3),
            ce + "grad[3, 9) partially overlaps logits[0, 6) in the same array");
        assertArrayEquals(new float[] {5f, 5f, 5f, 5f, 5f, 5f}, grad, "nothing written");
        assertArrayEquals(new float[12], shared, "nothing written");
        // disjoint ranges of one array are fine
        shared[1] = 1f;
        Losses.softmaxCrossEntropy(shared, 0, 2, 3, labels, 0, shared, 6);
        assertEquals(0.0, shared[6] + shared[7] + shared[8], 1e-7);

        assertMessage(() -> Losses.softmaxCrossEntropy(logits, 0, 2, 3, new int[] {5, 0}, 0),
            ce + "labels[0] = 5 (row 0) is outside [0, 3)");
        assertMessage(() -> Losses.countCorrect(logits, 0, 2, 3, new int[] {0, 7}, 0),
            "countCorrect: labels[1] = 7 (row 1) is outside [0, 3)");
        assertMessage(() -> Losses.softmax(logits, 0, 2, 3, shared, 7), "softmax: out too short");
        assertMessage(() -> Losses.softmax(shared, 0, 2, 3, shared, 1), "softmax: out[1, 7) partially overlaps");
        assertMessage(() -> Losses.argmax(logits, 0, 2, 0, new int[2], 0), "argmax: cols must be >= 1, got 0");
        assertMessage(() -> Losses.argmax(logits, 0, 2, 3, new int[2], 1), "argmax: out too short");
        assertMessage(() -> Losses.residualSumOfSquares(logits, 0, grad, 0, logits, 1, 4),
            "residualSumOfSquares: residual[1, 5) partially overlaps pred[0, 4)");
        assertMessage(() -> Losses.residualSumOfSquares(logits, 0, grad, 0, grad, 2, 4),
            "residualSumOfSquares: residual[2, 6) partially overlaps y[0, 4)");
        assertMessage(() -> Losses.residualSumOfSquares(logits, 0, grad, 3, logits, 0, 4),
            "residualSumOfSquares: y too short");
    }
}
