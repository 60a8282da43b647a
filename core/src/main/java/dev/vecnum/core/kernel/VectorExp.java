package dev.vecnum.core.kernel;

/**
 * exp(d) for d ≤ 0 in float: the scalar form here, the same operations lane-wise in {@link VectorLoss}'s row loop
 * (written out there: a helper taking and returning FloatVectors is only free when C2 inlines it, and whether it does
 * depends on the call site's profile; on JDK 17 a helper that is not inlined boxes its vectors). The scalar tails of
 * VectorLoss use this method, so a value gets the same bits wherever in a row it sits (tested).
 *
 * <p>Method: n = round(d·log₂e) (by adding 1.5·2²³), r = d − n·ln 2 in two fused steps (|r| ≤ ln 2 / 2),
 * exp(r) by its Taylor polynomial of degree 7 in Horner form (truncation below 6e-9 relative), times 2ⁿ built in the
 * exponent bits. Error against {@link Math#exp}, checked exhaustively over all 1.1·10⁹ floats in [−86, 0]: at most
 * 7.9e-8 relative (about 1 ulp; VectorExpTest re-checks 1e-7 on a sample). Inputs below −86 (where
 * exp &lt; 4.5e-38) give 0, which keeps 2ⁿ normal and the products free of
 * subnormals; NaN gives NaN. Inputs above 0 are outside the contract (the callers subtract a row maximum first).
 *
 * <p>Why not {@code lanewise(VectorOperators.EXP)}: it is specified only to within 1 ulp, compiled code calls a
 * native stub (SVML on x86) while the interpreter computes each lane with {@link Math#exp}, so its bits may depend
 * on the JDK and on JIT state; it is also not faster: exp + store + sum over 4096 floats took 0.46–0.76 ns per float
 * with it and 0.41–0.61 with this polynomial (8 lanes, AMD Zen 3, JDK 17 and JDK 25, one stand-alone probe each).
 */
final class VectorExp
{
    /** Below this exp(d) &lt; 4.5e-38: flushed to 0 (n ≥ −125 keeps the 2ⁿ factor a normal float). */
    static final float UNDERFLOW = -86f;

    static final float LOG2E = 1.44269504088896341f;
    /** 1.5·2²³: adding it rounds to an integer held in the low mantissa bits. */
    static final float ROUND = 12582912f;
    /** ln 2 split: a 9-bit head (n·LN2_HI is exact for |n| &lt; 2¹⁵) and the rest. */
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float C2 = 1f / 2;
    static final float C3 = 1f / 6;
    static final float C4 = 1f / 24;
    static final float C5 = 1f / 120;
    static final float C6 = 1f / 720;
    static final float C7 = 1f / 5040;

    private VectorExp()
    {
    }

    /**
     * exp(d) for d ≤ 0, the same bits as one lane of VectorLoss's vector form.
     *
     * @param d exponent, ≤ 0 or NaN
     * @return exp(d), 0 below {@link #UNDERFLOW}
     */
    static float expNonPositive(final float d)
    {
        if (d < UNDERFLOW)
        {
            return 0f;
        }
        final float t = Math.fma(d, LOG2E, ROUND);
        final float n = t - ROUND;
        final float r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, d));
        float p = Math.fma(r, C7, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat((Float.floatToRawIntBits(t) + 127) << 23);
    }
}
