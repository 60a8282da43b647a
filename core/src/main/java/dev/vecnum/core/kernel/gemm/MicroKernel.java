package dev.vecnum.core.kernel.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked GEMM micro-kernel: an {@link #MR}×{@code 2·lanes} tile of C held in vector accumulators while it
 * streams one packed A micro-panel and one packed B micro-panel over {@code kc}. The tile is chosen by the vector
 * length, for the register file that comes with it: 8×32 (16 accumulators) with 16 lanes (AVX-512: 32 registers),
 * 6×16 (12 accumulators, 2 B vectors and 1 broadcast: 15 of AVX2's 16 registers) with fewer; an 8×16 tile on AVX2
 * needs 19 registers and C2 spilled accumulators inside the depth loop (≈ 50 against ≈ 80 GFLOP/s on Zen 3, and a
 * 4×24 tile, at exactly 16, spilled two). {@code -Dvecnum.gemm.mr=6|8} overrides the choice (tests run both kernels on
 * any machine).
 *
 * <p>Packed layouts (see {@link Packing}): A micro-panel element (r, p) at {@code ap[aOff + p·MR + r]}, B micro-panel
 * element (p, j) at {@code bp[bOff + p·NR + j]} (or, read in place, {@code b[bOff + p·ldb + j]}); both zero-padded to full MR / NR, so every element of C is computed
 * by the same instruction sequence whichever tile (full or edge) or thread it falls in: {@code acc = 0} (or, when
 * adding to C or to the partial sums of earlier depth blocks, {@code acc = that value}); {@code acc = fma(a_p, b_p,
 * acc) for p in order}; {@code c = acc}; then the epilogue {@code + bias}, {@code max(·, 0)}. That is what makes
 * results independent of the thread count; both tile shapes give the same sequence, so the tile does not change
 * results either.
 *
 * <p>The input tile is loaded before the depth loop, not added after it: with an add-after epilogue C2 sometimes
 * (in about one JVM in four running two GEMM threads) spilled one accumulator to the stack inside the depth loop,
 * and the store-to-load round trip on that accumulator's chain cost the whole kernel ~35%; with load-before it did not
 * in 12 of 12.
 *
 * <p>Internal; stateless and thread-safe.
 */
final class MicroKernel
{
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Rows of the register tile: 8 with 16 or more lanes, else 6 (see the class comment). */
    static final int MR = rows(Integer.getInteger("vecnum.gemm.mr", L >= 16 ? 8 : 6));
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private MicroKernel()
    {
    }

    /**
     * Output tile (MR×NR at {@code out[outOff..]}, row stride {@code outLd}) = Σ_p A_p ⊗ B_p accumulated, by one fma
     * per p in order, onto the input tile (when {@code load}) or onto zero; the input tile is MR×NR at
     * {@code in[inOff..]} with row stride {@code inLd} and may be the output tile.
     *
     * @param ap       packed A micro-panel
     * @param aOff     its first element
     * @param bp       B micro-panel: packed, or B itself when its rows hold the panel's NR columns contiguously
     * @param bOff     its first element
     * @param bLd      its row stride: NR when packed, B's row length when read in place
     * @param kc       depth, at least 1
     * @param in       input tile array (read only when {@code load})
     * @param inOff    first element of the input tile
     * @param inLd     row stride of the input tile
     * @param out      output tile array (all MR×NR elements are written)
     * @param outOff   first element of the output tile
     * @param outLd    row stride of the output tile
     * @param load     start from the input tile instead of zero
     */
    static void tile(
        final float[] ap, final int aOff, final float[] bp, final int bOff, final int bLd, final int kc,
        final float[] in, final int inOff, final int inLd, final float[] out, final int outOff, final int outLd,
        final boolean load)
    {
        if (MR == 8)
        {
            tile8(ap, aOff, bp, bOff, bLd, kc, in, inOff, inLd, out, outOff, outLd, load);
        }
        else
        {
            tile6(ap, aOff, bp, bOff, bLd, kc, in, inOff, inLd, out, outOff, outLd, load);
        }
    }

    /** {@link #tile} with MR = 8: 16 accumulators, for 32-register machines. */
    private static void tile8(
        final float[] ap, final int aOff, final float[] bp, final int bOff, final int bLd, final int kc,
        final float[] in, final int inOff, final int inLd, final float[] out, final int outOff, final int outLd,
        final boolean load)
    {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = FloatVector.fromArray(S, in, inOff + 0 * inLd);
            c01 = FloatVector.fromArray(S, in, inOff + 0 * inLd + L);
            c10 = FloatVector.fromArray(S, in, inOff + 1 * inLd);
            c11 = FloatVector.fromArray(S, in, inOff + 1 * inLd + L);
            c20 = FloatVector.fromArray(S, in, inOff + 2 * inLd);
            c21 = FloatVector.fromArray(S, in, inOff + 2 * inLd + L);
            c30 = FloatVector.fromArray(S, in, inOff + 3 * inLd);
            c31 = FloatVector.fromArray(S, in, inOff + 3 * inLd + L);
            c40 = FloatVector.fromArray(S, in, inOff + 4 * inLd);
            c41 = FloatVector.fromArray(S, in, inOff + 4 * inLd + L);
            c50 = FloatVector.fromArray(S, in, inOff + 5 * inLd);
            c51 = FloatVector.fromArray(S, in, inOff + 5 * inLd + L);
            c60 = FloatVector.fromArray(S, in, inOff + 6 * inLd);
            c61 = FloatVector.fromArray(S, in, inOff + 6 * inLd + L);
            c70 = FloatVector.fromArray(S, in, inOff + 7 * inLd);
            c71 = FloatVector.fromArray(S, in, inOff + 7 * inLd + L);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 =
                FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++)
        {
            final int ai = aOff + p * 8;
            final int bi = bOff + p * bLd;
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
        // written out in place: a helper taking vector arguments that C2 declines to inline (this method is large)
        // would force every accumulator into a heap object
        {
            c00.intoArray(out, outOff + 0 * outLd);
            c01.intoArray(out, outOff + 0 * outLd + L);
            c10.intoArray(out, outOff + 1 * outLd);
            c11.intoArray(out, outOff + 1 * outLd + L);
            c20.intoArray(out, outOff + 2 * outLd);
            c21.intoArray(out, outOff + 2 * outLd + L);
            c30.intoArray(out, outOff + 3 * outLd);
            c31.intoArray(out, outOff + 3 * outLd + L);
            c40.intoArray(out, outOff + 4 * outLd);
            c41.intoArray(out, outOff + 4 * outLd + L);
            c50.intoArray(out, outOff + 5 * outLd);
            c51.intoArray(out, outOff + 5 * outLd + L);
            c60.intoArray(out, outOff + 6 * outLd);
            c61.intoArray(out, outOff + 6 * outLd + L);
            c70.intoArray(out, outOff + 7 * outLd);
            c71.intoArray(out, outOff + 7 * outLd + L);
        }
    }

    /**
     * {@link #tile} with MR = 6: 12 accumulators, for 16-register machines. The depth loop steps the A and B indices
     * themselves (not {@code aOff + p·6}): with that induction C2 removes the A bounds checks from the loop and keeps
     * every accumulator in a register (≈ 80 GFLOP/s on cache-resident panels on Zen 3, against ≈ 62 with the
     * p-indexed loop of {@link #tile8}); unrolling it by two made C2 hoist loads and spill (≈ 40).
     */
    private static void tile6(
        final float[] ap, final int aOff, final float[] bp, final int bOff, final int bLd, final int kc,
        final float[] in, final int inOff, final int inLd, final float[] out, final int outOff, final int outLd,
        final boolean load)
    {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load)
        {
            c00 = FloatVector.fromArray(S, in, inOff + 0 * inLd);
            c01 = FloatVector.fromArray(S, in, inOff + 0 * inLd + L);
            c10 = FloatVector.fromArray(S, in, inOff + 1 * inLd);
            c11 = FloatVector.fromArray(S, in, inOff + 1 * inLd + L);
            c20 = FloatVector.fromArray(S, in, inOff + 2 * inLd);
            c21 = FloatVector.fromArray(S, in, inOff + 2 * inLd + L);
            c30 = FloatVector.fromArray(S, in, inOff + 3 * inLd);
            c31 = FloatVector.fromArray(S, in, inOff + 3 * inLd + L);
            c40 = FloatVector.fromArray(S, in, inOff + 4 * inLd);
            c41 = FloatVector.fromArray(S, in, inOff + 4 * inLd + L);
            c50 = FloatVector.fromArray(S, in, inOff + 5 * inLd);
            c51 = FloatVector.fromArray(S, in, inOff + 5 * inLd + L);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        final int aEnd = aOff + kc * 6;
        for (int ai = aOff, bi = bOff; ai < aEnd; ai += 6, bi += bLd)
        {
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
        }
        // written out in place, as in tile8
        {
            c00.intoArray(out, outOff + 0 * outLd);
            c01.intoArray(out, outOff + 0 * outLd + L);
            c10.intoArray(out, outOff + 1 * outLd);
            c11.intoArray(out, outOff + 1 * outLd + L);
            c20.intoArray(out, outOff + 2 * outLd);
            c21.intoArray(out, outOff + 2 * outLd + L);
            c30.intoArray(out, outOff + 3 * outLd);
            c31.intoArray(out, outOff + 3 * outLd + L);
            c40.intoArray(out, outOff + 4 * outLd);
            c41.intoArray(out, outOff + 4 * outLd + L);
            c50.intoArray(out, outOff + 5 * outLd);
            c51.intoArray(out, outOff + 5 * outLd + L);
        }
    }

    /**
     * Writes the valid {@code mr}×{@code nr} corner of a tile computed into {@code tile} (MR×NR, row stride NR) to C:
     * {@code c = t}, then {@code + bias}, then {@code max(·, 0)} — for edge tiles and for the epilogue of the last depth
     * block (a C tile to add to is loaded into the scratch tile first, see {@link #loadEdge}).
     *
     * @param tile     scratch tile holding the sums
     * @param c        C
     * @param cOff     first element of the tile in C
     * @param ldc      row stride of C
     * @param mr       valid rows
     * @param nr       valid columns
     * @param bias     bias array when {@code epilogue}
     * @param biasOff  bias offset of the tile's first column
     * @param epilogue add bias (and ReLU)
     * @param relu     apply max(·, 0) after the bias
     */
    static void mergeEdge(
        final float[] tile, final float[] c, final int cOff, final int ldc, final int mr, final int nr,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        for (int r = 0; r < mr; r++)
        {
            final int row = cOff + r * ldc;
            int j = 0;
            if (nr == NR)
            {
                for (; j < NR; j += L)
                {
                    mergeVector(tile, r * NR + j, c, row + j, bias, biasOff + j, epilogue, relu);
                }
            }
            for (; j < nr; j++)
            {
                storeScalar(c, row + j, tile[r * NR + j], false, bias, biasOff + j, epilogue, relu);
            }
        }
    }

    /**
     * The scalar write-back of one element: {@code c[idx] = (load ? c[idx] + s : s)}, then {@code + bias}, then
     * {@code max(·, 0)}. The tiny and small paths add C after the sum ({@code load}); the packed path's edge tiles
     * pass {@code load = false} (C's value is already where the sum started), which matches {@link #mergeEdge}'s
     * vector write-back.
     *
     * @param c        C
     * @param idx      element of C
     * @param s        the sum
     * @param load     add to C's value
     * @param bias     bias array (read only when {@code epilogue})
     * @param bi       index of this element's bias
     * @param epilogue add the bias (and ReLU when {@code relu})
     * @param relu     apply max(·, 0) after the bias
     */
    static void storeScalar(
        final float[] c, final int idx, final float s, final boolean load, final float[] bias, final int bi,
        final boolean epilogue, final boolean relu)
    {
        float v = load ? c[idx] + s : s;
        if (epilogue)
        {
            v = v + bias[bi];
            if (relu)
            {
                v = Math.max(v, 0f);
            }
        }
        c[idx] = v;
    }

    /**
     * Copies the valid {@code mr}×{@code nr} corner of a C tile into an MR×NR tile (row stride NR) and zeroes the rest,
     * so that {@link #tile} can start an edge tile's sums from C's values as it does for full tiles.
     *
     * @param c    C
     * @param cOff first element of the tile in C
     * @param ldc  row stride of C
     * @param mr   valid rows
     * @param nr   valid columns
     * @param t    destination tile array
     * @param tOff first element of the destination tile
     */
    static void loadEdge(
        final float[] c, final int cOff, final int ldc, final int mr, final int nr, final float[] t, final int tOff)
    {
        for (int r = 0; r < MR; r++)
        {
            for (int j = 0; j < NR; j++)
            {
                t[tOff + r * NR + j] = r < mr && j < nr ? c[cOff + r * ldc + j] : 0f;
            }
        }
    }

    // one straight-line case per mode (see tile)
    private static void mergeVector(
        final float[] tile, final int t, final float[] c, final int ci, final float[] bias, final int bi,
        final boolean epilogue, final boolean relu)
    {
        final FloatVector v = FloatVector.fromArray(S, tile, t);
        if (!epilogue)
        {
            v.intoArray(c, ci);
            return;
        }
        final FloatVector x = v.add(FloatVector.fromArray(S, bias, bi));
        if (relu)
        {
            x.lanewise(VectorOperators.MAX, 0f).intoArray(c, ci);
        }
        else
        {
            x.intoArray(c, ci);
        }
    }

    private static int rows(final int mr)
    {
        if (mr != 6 && mr != 8)
        {
            throw new IllegalArgumentException("vecnum.gemm.mr must be 6 or 8, got " + mr);
        }
        return mr;
    }
}
