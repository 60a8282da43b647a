package dev.vecnum.core.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel: an {@value #MR}×{@code 2·lanes} tile of C (8×32 with AVX-512) held in 16
 * vector accumulators while it streams one packed A micro-panel and one packed B micro-panel over {@code kc}.
 *
 * <p>Packed layouts (see {@link Packing}): A micro-panel element (r, p) at {@code ap[aOff + p·MR + r]}, B micro-panel
 * element (p, j) at {@code bp[bOff + p·NR + j]}; both zero-padded to full MR / NR, so every element of C is computed
 * by the same instruction sequence whichever tile (full or edge) or thread it falls in: {@code acc = 0; acc = fma(a_p,
 * b_p, acc) for p in order}, then {@code c = acc} or {@code c = c + acc}, then the epilogue {@code + bias},
 * {@code max(·, 0)}. That is what makes results independent of the thread count.
 *
 * <p>Internal; stateless and thread-safe.
 */
public final class MicroKernel
{
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile. */
    public static final int MR = 8;
    /** Columns of the register tile: two vectors. */
    public static final int NR = 2 * L;

    private MicroKernel()
    {
    }

    /**
     * C tile (MR×NR at {@code c[cOff..]}, row stride {@code ldc}) = (load ? C : 0) + Σ_p A_p ⊗ B_p, then the
     * epilogue when {@code epilogue}: + bias[biasOff .. +NR), and max(·, 0) when {@code relu}.
     *
     * @param ap       packed A micro-panel
     * @param aOff     its first element
     * @param bp       packed B micro-panel
     * @param bOff     its first element
     * @param kc       depth, at least 1
     * @param c        output tile array (all MR×NR elements are written)
     * @param cOff     first element of the tile
     * @param ldc      row stride of the tile
     * @param load     add to the tile instead of overwriting it
     * @param bias     bias array when {@code epilogue}
     * @param biasOff  bias offset of the tile's first column
     * @param epilogue add bias (and ReLU) after the sum
     * @param relu     apply max(·, 0) after the bias
     */
    static void tile(
        final float[] ap, final int aOff, final float[] bp, final int bOff, final int kc,
        final float[] c, final int cOff, final int ldc, final boolean load,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++)
        {
            final int ai = aOff + p * MR;
            final int bi = bOff + p * NR;
            final FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            final FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a;
            a = FloatVector.broadcast(S, ap[ai + 0]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            a = FloatVector.broadcast(S, ap[ai + 6]);
            c60 = a.fma(b0, c60);
            c61 = a.fma(b1, c61);
            a = FloatVector.broadcast(S, ap[ai + 7]);
            c70 = a.fma(b0, c70);
            c71 = a.fma(b1, c71);
        }
        FloatVector bias0 = null;
        FloatVector bias1 = null;
        if (epilogue)
        {
            bias0 = FloatVector.fromArray(S, bias, biasOff);
            bias1 = FloatVector.fromArray(S, bias, biasOff + L);
        }
        writeRow(c00, c01, c, cOff + 0 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c10, c11, c, cOff + 1 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c20, c21, c, cOff + 2 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c30, c31, c, cOff + 3 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c40, c41, c, cOff + 4 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c50, c51, c, cOff + 5 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c60, c61, c, cOff + 6 * ldc, load, bias0, bias1, epilogue, relu);
        writeRow(c70, c71, c, cOff + 7 * ldc, load, bias0, bias1, epilogue, relu);
    }

    private static void writeRow(
        final FloatVector v0, final FloatVector v1, final float[] c, final int off, final boolean load,
        final FloatVector bias0, final FloatVector bias1, final boolean epilogue, final boolean relu)
    {
        FloatVector r0 = v0;
        FloatVector r1 = v1;
        if (load)
        {
            r0 = FloatVector.fromArray(S, c, off).add(r0);
            r1 = FloatVector.fromArray(S, c, off + L).add(r1);
        }
        if (epilogue)
        {
            r0 = r0.add(bias0);
            r1 = r1.add(bias1);
            if (relu)
            {
                r0 = r0.lanewise(VectorOperators.MAX, 0f);
                r1 = r1.lanewise(VectorOperators.MAX, 0f);
            }
        }
        r0.intoArray(c, off);
        r1.intoArray(c, off + L);
    }

    /**
     * Merges an edge tile computed into {@code tile} (MR×NR, row stride NR, plain sums) into the valid
     * {@code mr}×{@code nr} corner of C with the same operations, in the same order, as {@link #tile}.
     *
     * @param tile     scratch tile holding the sums
     * @param c        C
     * @param cOff     first element of the tile in C
     * @param ldc      row stride of C
     * @param mr       valid rows
     * @param nr       valid columns
     * @param load     add to C instead of overwriting
     * @param bias     bias array when {@code epilogue}
     * @param biasOff  bias offset of the tile's first column
     * @param epilogue add bias (and ReLU)
     * @param relu     apply max(·, 0) after the bias
     */
    static void mergeEdge(
        final float[] tile, final float[] c, final int cOff, final int ldc, final int mr, final int nr,
        final boolean load, final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        for (int r = 0; r < mr; r++)
        {
            final int row = cOff + r * ldc;
            for (int j = 0; j < nr; j++)
            {
                float v = tile[r * NR + j];
                if (load)
                {
                    v = c[row + j] + v;
                }
                if (epilogue)
                {
                    v = v + bias[biasOff + j];
                    if (relu)
                    {
                        v = Math.max(v, 0f);
                    }
                }
                c[row + j] = v;
            }
        }
    }
}
