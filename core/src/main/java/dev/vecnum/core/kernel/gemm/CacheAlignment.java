package dev.vecnum.core.kernel.gemm;

/**
 * Where the per-thread packed-B buffer starts so that the micro-kernel's 64-byte vector loads of it are cache-line
 * aligned (a misaligned one straddles two lines; aligned B panels measured 3–10% faster in the micro-kernel alone and
 * 5–10% faster in whole GEMMs at n = 256–512).
 *
 * <p>HotSpot aligns ordinary arrays to 8 bytes only, but the G1 collector (the default) places a <em>humongous</em>
 * array — one of at least half a heap region — at the start of a region and never moves it, so its elements begin
 * {@link #HEADER_BYTES} bytes past a region boundary. A buffer of at least {@link #MIN_FLOATS} floats used from
 * element {@link #OFFSET} is therefore aligned. The region size is estimated the way G1 sizes it (maximum heap / 2048,
 * rounded up to a power of two, 1–32 MiB); padding is skipped when that would cost more than 4 MiB per buffer. Another
 * collector, an explicit {@code -XX:G1HeapRegionSize} or another header layout only loses the alignment: results are
 * identical either way. {@code -Dvecnum.gemm.arrayHeaderBytes} and {@code -Dvecnum.gemm.alignedMinFloats} override
 * the two assumptions.
 *
 * <p>Internal; constants only.
 */
final class CacheAlignment
{
    /** Cache line size in bytes. */
    static final int LINE = 64;
    /** Bytes from a float array's start to its element 0 (HotSpot's default layout). */
    static final int HEADER_BYTES = Integer.getInteger("vecnum.gemm.arrayHeaderBytes", 16);
    /** First element of an aligned buffer: the first one at a cache-line boundary. */
    static final int OFFSET = (LINE - HEADER_BYTES % LINE) % LINE / Float.BYTES;
    /** Length from which a float array is humongous (0: not worth padding to). */
    static final int MIN_FLOATS = Integer.getInteger("vecnum.gemm.alignedMinFloats",
        humongousFloats(Runtime.getRuntime().maxMemory()));

    private static final long MIB = 1L << 20;

    private CacheAlignment()
    {
    }

    /**
     * The smallest float-array length G1 treats as humongous for a given maximum heap, or 0 when that is over 4 MiB.
     *
     * @param maxHeapBytes maximum heap size in bytes
     * @return the length in floats, or 0
     */
    static int humongousFloats(final long maxHeapBytes)
    {
        long region = Math.max(MIB, maxHeapBytes / 2048);
        region = Long.highestOneBit(region - 1) << 1;
        region = Math.min(32 * MIB, Math.max(MIB, region));
        final long half = region / 2;
        return half > 4 * MIB ? 0 : (int) (half / Float.BYTES);
    }

    /**
     * Length for a buffer holding {@code size} floats from {@link #OFFSET}.
     *
     * @param size floats needed past the offset
     * @return the array length to allocate
     */
    static int length(final int size)
    {
        return Math.max(OFFSET + size, MIN_FLOATS);
    }
}
