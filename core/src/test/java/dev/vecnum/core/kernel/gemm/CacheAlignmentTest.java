package dev.vecnum.core.kernel.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CacheAlignmentTest
{
    private static final long MIB = 1L << 20;

    @Test
    void shouldStartAtTheFirstCacheLineBoundaryPastTheDefaultArrayHeader()
    {
        // 16 header bytes + 12 floats = 64 bytes (unless overridden by -Dvecnum.gemm.arrayHeaderBytes)
        assertEquals((64 - CacheAlignment.HEADER_BYTES % 64) % 64, CacheAlignment.OFFSET * Float.BYTES);
        if (CacheAlignment.HEADER_BYTES == 16)
        {
            assertEquals(12, CacheAlignment.OFFSET);
        }
    }

    @Test
    void shouldEstimateG1HumongousThresholdFromTheMaximumHeap()
    {
        // G1: region = max heap / 2048 rounded up to a power of two, clamped to 1..32 MiB; humongous from half a region
        assertEquals(MIB / 2 / Float.BYTES, CacheAlignment.humongousFloats(256 * MIB));    // 1 MiB regions
        assertEquals(MIB / 2 / Float.BYTES, CacheAlignment.humongousFloats(2048 * MIB));   // exactly 1 MiB
        assertEquals(MIB / Float.BYTES, CacheAlignment.humongousFloats(2049 * MIB));       // 2 MiB (rounded up)
        assertEquals(2 * MIB / Float.BYTES, CacheAlignment.humongousFloats(6028 * MIB));   // this machine: 4 MiB
        assertEquals(4 * MIB / Float.BYTES, CacheAlignment.humongousFloats(16384 * MIB));  // 8 MiB regions
        assertEquals(0, CacheAlignment.humongousFloats(16385 * MIB));                      // 16 MiB: not padded
        assertEquals(0, CacheAlignment.humongousFloats(1L << 40));                         // 32 MiB cap
    }

    @Test
    void shouldPadBuffersToTheThresholdAndLeaveRoomForTheOffset()
    {
        assertEquals(Math.max(CacheAlignment.OFFSET + 100, CacheAlignment.MIN_FLOATS), CacheAlignment.length(100));
        final int big = CacheAlignment.MIN_FLOATS + 1000;
        assertEquals(CacheAlignment.OFFSET + big, CacheAlignment.length(big));
    }
}
