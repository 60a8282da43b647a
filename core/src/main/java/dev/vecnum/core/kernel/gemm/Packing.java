package dev.vecnum.core.kernel.gemm;

/**
 * Packs a block of an operand into micro-panels of {@code R} interleaved rows (R = {@link MicroKernel#MR} for A,
 * {@link MicroKernel#NR} for B): element (r, p) of panel q goes to {@code dst[q·R·kc + p·R + r]}, and rows past the
 * block's end are zero. The three matmul forms differ only in where element (r, p) of the source lives:
 * <ul>
 *   <li>contiguous: {@code src[off + p·ld + r]} — B of A·B and Aᵀ·B, A of Aᵀ·B (a plain copy per p);</li>
 *   <li>strided: {@code src[off + r·ld + p]} — A of A·B and A·Bᵀ, B of A·Bᵀ (a transpose).</li>
 * </ul>
 *
 * <p>Internal; stateless and thread-safe.
 */
final class Packing
{
    private Packing()
    {
    }

    /**
     * Packs {@code rows} (≤ any multiple of R) rows × {@code kc} of a source block into ceil(rows / R) panels.
     *
     * @param src        source array
     * @param off        offset of element (0, 0) of the block
     * @param ld         leading dimension of the source
     * @param contiguous whether element (r, p) is at {@code off + p·ld + r} (else {@code off + r·ld + p})
     * @param r          panel width R
     * @param rows       rows of the block
     * @param kc         depth of the block
     * @param dst        destination, at least dOff + ceil(rows / R)·R·kc floats
     * @param dOff       where panel 0 starts in dst
     */
    static void pack(
        final float[] src, final int off, final int ld, final boolean contiguous, final int r, final int rows,
        final int kc, final float[] dst, final int dOff)
    {
        int q = 0;
        if (contiguous)
        {
            q = rows / r * r;
            fullPanelsContiguous(src, off, ld, r, rows / r, kc, dst, dOff);
        }
        int d = dOff + q * kc;
        for (; q < rows; q += r)
        {
            final int rr = Math.min(r, rows - q);
            if (contiguous)
            {
                panelContiguous(src, off + q, ld, r, rr, kc, dst, d);
            }
            else
            {
                panelStrided(src, off + q * ld, ld, r, rr, kc, dst, d);
            }
            d += r * kc;
        }
    }

    /**
     * The first {@code full} whole panels of a contiguous source, source rows in order: each source row is read once,
     * sequentially (panel by panel, the reads would stride a full source row per step and touch a new page every few
     * steps). One {@code System.arraycopy} of R floats per panel and p, not Vector API copies: with 512-bit
     * {@code FloatVector} copies here, about half of all JVMs compiled {@link MicroKernel#tile} into its slow variant
     * (both GEMM threads ~35% slower for the JVM's whole life; 7 of 14 at n = 1024, against 5 of 54 with
     * {@code arraycopy}, before the kernel itself was made immune). The copy is ~35% slower (0.34 against 0.25 ms per
     * 1024×1024 matrix, under 1% of the product).
     */
    private static void fullPanelsContiguous(
        final float[] src, final int off, final int ld, final int r, final int full, final int kc, final float[] dst,
        final int dOff)
    {
        for (int p = 0; p < kc; p++)
        {
            final int s = off + p * ld;
            final int t = dOff + p * r;
            for (int panel = 0; panel < full; panel++)
            {
                System.arraycopy(src, s + panel * r, dst, t + panel * r * kc, r);
            }
        }
    }

    /** One panel of a contiguous source, element by element, zero past the block's {@code rr} rows. */
    private static void panelContiguous(
        final float[] src, final int off, final int ld, final int r, final int rr, final int kc,
        final float[] dst, final int d)
    {
        for (int p = 0; p < kc; p++)
        {
            final int s = off + p * ld;
            final int t = d + p * r;
            int i = 0;
            for (; i < rr; i++)
            {
                dst[t + i] = src[s + i];
            }
            for (; i < r; i++)
            {
                dst[t + i] = 0f;
            }
        }
    }

    private static void panelStrided(
        final float[] src, final int off, final int ld, final int r, final int rr, final int kc,
        final float[] dst, final int d)
    {
        int i = 0;
        // eight source rows at a time: eight sequential read streams, 32 contiguous bytes stored per p
        for (; i + 8 <= rr; i += 8)
        {
            final int s0 = off + i * ld;
            final int s1 = s0 + ld;
            final int s2 = s1 + ld;
            final int s3 = s2 + ld;
            final int s4 = s3 + ld;
            final int s5 = s4 + ld;
            final int s6 = s5 + ld;
            final int s7 = s6 + ld;
            for (int p = 0; p < kc; p++)
            {
                final int t = d + p * r + i;
                dst[t] = src[s0 + p];
                dst[t + 1] = src[s1 + p];
                dst[t + 2] = src[s2 + p];
                dst[t + 3] = src[s3 + p];
                dst[t + 4] = src[s4 + p];
                dst[t + 5] = src[s5 + p];
                dst[t + 6] = src[s6 + p];
                dst[t + 7] = src[s7 + p];
            }
        }
        // six: a whole A panel of the 6-row AVX2 tile in one pass (not four rows and two single-row passes)
        for (; i + 6 <= rr && r == 6; i += 6)
        {
            final int s0 = off + i * ld;
            final int s1 = s0 + ld;
            final int s2 = s1 + ld;
            final int s3 = s2 + ld;
            final int s4 = s3 + ld;
            final int s5 = s4 + ld;
            for (int p = 0; p < kc; p++)
            {
                final int t = d + p * r + i;
                dst[t] = src[s0 + p];
                dst[t + 1] = src[s1 + p];
                dst[t + 2] = src[s2 + p];
                dst[t + 3] = src[s3 + p];
                dst[t + 4] = src[s4 + p];
                dst[t + 5] = src[s5 + p];
            }
        }
        for (; i + 4 <= rr; i += 4)
        {
            final int s0 = off + i * ld;
            final int s1 = s0 + ld;
            final int s2 = s1 + ld;
            final int s3 = s2 + ld;
            for (int p = 0; p < kc; p++)
            {
                final int t = d + p * r + i;
                dst[t] = src[s0 + p];
                dst[t + 1] = src[s1 + p];
                dst[t + 2] = src[s2 + p];
                dst[t + 3] = src[s3 + p];
            }
        }
        for (; i < rr; i++)
        {
            final int s = off + i * ld;
            for (int p = 0; p < kc; p++)
            {
                dst[d + p * r + i] = src[s + p];
            }
        }
        for (; i < r; i++)
        {
            for (int p = 0; p < kc; p++)
            {
                dst[d + p * r + i] = 0f;
            }
        }
    }
}
