package dev.vecnum.core.kernel.gemm;

import dev.vecnum.core.parallel.WorkerPool;

import static dev.vecnum.core.kernel.gemm.MicroKernel.MR;
import static dev.vecnum.core.kernel.gemm.MicroKernel.NR;

/**
 * Goto/BLIS-style blocked GEMM over packed operands for all three forms. Loop nest (outer to inner): columns of C in
 * blocks of {@link #NC}; depth in blocks of {@link #KC} (a KC×NC block of B is packed, ≈ L2/L3 resident); rows in blocks
 * of {@link #MC} (an MC×KC block of A is packed, L2 resident); then NR-wide B micro-panels (L1 resident) × MR-high A
 * micro-panels through {@link MicroKernel}. The forms differ only in how {@link Packing} reads A and B.
 *
 * <p>Large products are split over a {@link WorkerPool} into one task per participant: contiguous row ranges in whole
 * MR tiles (or column ranges in whole NR tiles when there are too few row tiles). The depth blocking is the same for
 * every task and thread count, and every C element gets the same operation sequence (see {@link MicroKernel}), so the
 * result is bit-identical whatever the thread count.
 *
 * <p>When k &gt; KC the partial sums between depth blocks are kept in a per-thread tile-major buffer (rows of the task ×
 * column block, at most {@link #PARTIAL_MAX_FLOATS} floats) instead of C: see {@link #blocked}.
 *
 * <p>Packing buffers, the partial-sum buffer and the per-call task object are per thread ({@link ThreadLocal}), grown on
 * demand: after warm-up nothing is allocated per call. Internal; thread-safe for disjoint outputs.
 */
final class PackedGemm
{
    /** Form: C = A·B. */
    static final int AB = 0;
    /** Form: C = Aᵀ·B, A stored k×m. */
    static final int ATB = 1;
    /** Form: C = A·Bᵀ, B stored n×k. */
    static final int ABT = 2;

    /** Depth block: a KC×NR B micro-panel (32 KiB at KC = 256) stays in the 48 KiB L1. */
    static final int KC = Math.max(1, Integer.getInteger("vecnum.gemm.kc", 256));
    /** Row block: an MC×KC packed A block stays in L2. A multiple of MR. */
    static final int MC = roundUp(Math.max(MR, Integer.getInteger("vecnum.gemm.mc", 192)), MR);
    /** Column block: a KC×NC packed B block. A multiple of NR. */
    static final int NC = roundUp(Math.max(NR, Integer.getInteger("vecnum.gemm.nc", 2048)), NR);
    /**
     * Largest tile-major partial-sum buffer per thread (floats; 16 MiB): the column block shrinks so that its
     * rows × columns fit.
     */
    static final long PARTIAL_MAX_FLOATS = Long.getLong("vecnum.gemm.partialMax", 1L << 22);
    /**
     * Most rows of C (per task) for which B of A·B and Aᵀ·B is read in place instead of packed: each B element is
     * then used by so few rows that copying it costs more than reading it from its own rows (32×784·784×256 on Zen 3:
     * 55 → 66 GFLOP/s; 128 rows: no gain). Not when B's rows are a multiple of {@link #B_IN_PLACE_BAD_STRIDE} floats
     * long: a panel's rows then share a few L1 sets and evict each other (32×1024·1024×1024: 60 → 54).
     */
    static final int B_IN_PLACE_MAX_ROWS = Integer.getInteger("vecnum.gemm.bInPlaceRows", 72);
    /** Row length (floats) whose multiples keep B packed (see {@link #B_IN_PLACE_MAX_ROWS}). */
    static final int B_IN_PLACE_BAD_STRIDE = 512;
    /** Smallest m·n·k worth dispatching to worker threads. */
    static final long PARALLEL_MIN_VOLUME = Long.getLong("vecnum.gemm.parallelMin", 96L * 96 * 96);

    private static final String SPLIT = System.getProperty("vecnum.gemm.split", "auto");

    // depth-block roles: the only block, or the first / a middle / the last of several
    private static final int ONLY = 0;
    private static final int FIRST = 1;
    private static final int MIDDLE = 2;
    private static final int LAST = 3;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);
    private static final ThreadLocal<Job> JOB = ThreadLocal.withInitial(Job::new);

    private PackedGemm()
    {
    }

    /**
     * C[m×n] (+)= op(A)·op(B) (+ bias, ReLU). Requires m, k, n ≥ 1 and validated ranges.
     *
     * @param pool       workers for large shapes, or null for single-threaded
     * @param form       {@link #AB}, {@link #ATB} or {@link #ABT}
     * @param a          A array
     * @param aOff       A offset
     * @param b          B array
     * @param bOff       B offset
     * @param c          C array
     * @param cOff       C offset
     * @param m          rows of C
     * @param k          depth
     * @param n          columns of C
     * @param accumulate add to C
     * @param bias       bias (length n from biasOff) when {@code epilogue}
     * @param biasOff    bias offset
     * @param epilogue   add bias (and ReLU) to the final value
     * @param relu       apply max(·, 0) after the bias
     */
    static void multiply(
        final WorkerPool pool, final int form, final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu)
    {
        multiply(pool, form, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, bias, biasOff, epilogue, relu,
            PARTIAL_MAX_FLOATS);
    }

    /** {@link #multiply} with an explicit partial-sum buffer limit (tests use a small one to take the direct path). */
    static void multiply(
        final WorkerPool pool, final int form, final float[] a, final int aOff, final float[] b, final int bOff,
        final float[] c, final int cOff, final int m, final int k, final int n, final boolean accumulate,
        final float[] bias, final int biasOff, final boolean epilogue, final boolean relu, final long partialMax)
    {
        assert m > 0 && k > 0 && n > 0;
        final Job job = JOB.get();
        job.set(form, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, bias, biasOff, epilogue, relu);
        job.partialMax = partialMax;
        try
        {
            final int threads = pool == null ? 1 : pool.threads();
            if (threads > 1 && (long) m * n * k >= PARALLEL_MIN_VOLUME)
            {
                final int rowTiles = (m + MR - 1) / MR;
                final int colTiles = (n + NR - 1) / NR;
                job.splitRows = splitRows(form, m, n, rowTiles, colTiles, threads);
                final int tasks = Math.min(threads, job.splitRows ? rowTiles : colTiles);
                pool.execute(job, tasks);
            }
            else
            {
                job.splitRows = true;
                job.run(0, 1);
            }
        }
        finally
        {
            job.clear();
        }
    }

    /**
     * Whether a product is split over threads by rows of C (else by columns). A row split makes every task pack all of
     * B (k·n) and its share of A, a column split all of A (m·k) and its share of B: rows when m ≥ n, so the operand
     * every task copies is the smaller one (32×256·256×784 A·Bᵀ over columns: 58 → 74 GFLOP/s on two threads) —
     * unless each row task is short enough to read B in place (see {@link #bInPlace}), which makes B free to every
     * task (128×784·784×256: rows 122, columns 93); either way only when there are enough tiles to give every thread
     * one.
     */
    static boolean splitRows(
        final int form, final int m, final int n, final int rowTiles, final int colTiles, final int threads)
    {
        final String forced = SPLIT;
        if (forced.equals("rows") || forced.equals("cols"))
        {
            return forced.equals("rows");
        }
        if (rowTiles < threads || colTiles < threads)
        {
            return rowTiles >= colTiles;
        }
        return m >= n || bInPlace(form, roundUp((m + threads - 1) / threads, MR), n);
    }

    /** Whether a task of {@code rows} rows reads B in place (see {@link #B_IN_PLACE_MAX_ROWS}). */
    static boolean bInPlace(final int form, final int rows, final int n)
    {
        return form != ABT && rows <= B_IN_PLACE_MAX_ROWS && n % B_IN_PLACE_BAD_STRIDE != 0;
    }

    static int roundUp(final int x, final int unit)
    {
        return (x + unit - 1) / unit * unit;
    }

    /**
     * C rows [i0, i1) × columns [j0, j1), the full blocked loop nest. When the depth takes more than one block, the
     * partial sums between depth blocks go to a per-thread tile-major buffer that the macro-kernel walks in order
     * (the hardware prefetchers keep it streaming), not to C, whose tiles are rows a full C row apart and would miss
     * every cache once per depth block; C is written once, by the last depth block.
     */
    private static void blocked(final Job g, final int i0, final int i1, final int j0, final int j1)
    {
        final Workspace ws = WORKSPACE.get();
        final int m = g.m;
        final int k = g.k;
        final int n = g.n;
        final boolean packAContiguous = g.form == ATB;
        final boolean packBContiguous = g.form != ABT;
        final int rows = roundUp(i1 - i0, MR);
        final boolean bInPlace = bInPlace(g.form, i1 - i0, n);
        // several depth blocks and room for at least one NR-wide column block of partial sums; else C directly
        final boolean passes = k > KC && (long) rows * NR <= g.partialMax;
        final int ncMax = passes ? (int) Math.max(NR, Math.min(NC, g.partialMax / rows / NR * NR)) : NC;
        final float[] partial = passes ? ws.partial(rows * roundUp(Math.min(ncMax, j1 - j0), NR)) : null;
        for (int jc = j0; jc < j1; jc += ncMax)
        {
            final int nc = Math.min(ncMax, j1 - jc);
            final int ncr = roundUp(nc, NR);
            for (int pc = 0; pc < k; pc += KC)
            {
                final int kc = Math.min(KC, k - pc);
                final float[] bp = ws.b((bInPlace ? NR : ncr) * kc);
                // B read in place: its whole panels start here (row stride n); only a ragged last panel is packed
                final int bSrc = bInPlace ? g.bOff + pc * n + jc : -1;
                if (bInPlace)
                {
                    final int whole = nc / NR * NR;
                    if (whole < nc)
                    {
                        Packing.pack(g.b, bSrc + whole, n, true, NR, nc - whole, kc, bp, CacheAlignment.OFFSET);
                    }
                }
                else if (packBContiguous)
                {
                    Packing.pack(g.b, g.bOff + pc * n + jc, n, true, NR, nc, kc, bp, CacheAlignment.OFFSET);
                }
                else
                {
                    Packing.pack(g.b, g.bOff + jc * k + pc, k, false, NR, nc, kc, bp, CacheAlignment.OFFSET);
                }
                final int pass = pc == 0 ? (pc + kc == k ? ONLY : FIRST) : pc + kc == k ? LAST : MIDDLE;
                for (int ic = i0; ic < i1; ic += MC)
                {
                    final int mc = Math.min(MC, i1 - ic);
                    final float[] ap = ws.a(roundUp(mc, MR) * kc);
                    if (packAContiguous)
                    {
                        Packing.pack(g.a, g.aOff + pc * m + ic, m, true, MR, mc, kc, ap, 0);
                    }
                    else
                    {
                        Packing.pack(g.a, g.aOff + ic * k + pc, k, false, MR, mc, kc, ap, 0);
                    }
                    macroKernel(g, ws, ap, bp, bSrc, partial, (ic - i0) * ncr, ic, mc, jc, nc, kc, pass);
                }
            }
        }
    }

    /**
     * One MC×nc block: every MR×NR tile through the micro-kernel. A tile's partial sums live at
     * {@code partial[pOff + jr·mcr + ir·NR ..]} (MR rows of NR), in the order this loop visits the tiles. With
     * {@code bSrc ≥ 0} whole B panels are read in place from {@code g.b[bSrc + jr ..]} (row stride n) and only a
     * ragged last panel from {@code bp}.
     */
    private static void macroKernel(
        final Job g, final Workspace ws, final float[] ap, final float[] bp, final int bSrc, final float[] partial,
        final int pOff,
        final int ic, final int mc, final int jc, final int nc, final int kc, final int pass)
    {
        final float[] c = g.c;
        final int ldc = g.n;
        final float[] bias = g.bias;
        final boolean relu = g.relu;
        final boolean accumulate = g.accumulate;
        final boolean epilogue = g.epilogue && (pass == ONLY || pass == LAST);
        final float[] tile = ws.tile;
        final int mcr = roundUp(mc, MR);
        for (int jr = 0; jr < nc; jr += NR)
        {
            final int nr = Math.min(NR, nc - jr);
            final int biasOff = g.biasOff + jc + jr;
            final boolean inPlace = bSrc >= 0 && nr == NR;
            final float[] b = inPlace ? g.b : bp;
            final int bOff = inPlace ? bSrc + jr : CacheAlignment.OFFSET + (bSrc >= 0 ? 0 : jr * kc);
            final int bLd = inPlace ? g.n : NR;
            for (int ir = 0; ir < mc; ir += MR)
            {
                final int mr = Math.min(MR, mc - ir);
                final int cIdx = g.cOff + (ic + ir) * ldc + jc + jr;
                final int aOff = ir * kc;
                final int slot = pOff + jr * mcr + ir * NR;
                final boolean full = mr == MR && nr == NR;
                if (partial == null)
                {
                    // C directly: every depth block's sums continue from C's values (as in the single-block case)
                    final boolean load = accumulate || pass == MIDDLE || pass == LAST;
                    if (full && !epilogue)
                    {
                        MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, c, cIdx, ldc, c, cIdx, ldc, load);
                    }
                    else
                    {
                        // edge tiles and the epilogue: through the scratch tile, starting from C's corner
                        if (load)
                        {
                            MicroKernel.loadEdge(c, cIdx, ldc, mr, nr, tile, 0);
                        }
                        MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, tile, 0, NR, tile, 0, NR, load);
                        MicroKernel.mergeEdge(tile, c, cIdx, ldc, mr, nr, bias, biasOff, epilogue, relu);
                    }
                }
                else if (pass == MIDDLE)
                {
                    MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, partial, slot, NR, partial, slot, NR, true);
                }
                else if (pass == FIRST && !accumulate)
                {
                    MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, partial, slot, NR, partial, slot, NR, false);
                }
                else if (pass == FIRST && full)
                {
                    MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, c, cIdx, ldc, partial, slot, NR, true);
                }
                else if (pass == FIRST)
                {
                    MicroKernel.loadEdge(c, cIdx, ldc, mr, nr, partial, slot);
                    MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, partial, slot, NR, partial, slot, NR, true);
                }
                else if (full && !epilogue)
                {
                    // LAST: C = the partial sums continued
                    MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, partial, slot, NR, c, cIdx, ldc, true);
                }
                else
                {
                    // LAST with an edge or the epilogue: into the scratch tile, then written to C's corner
                    MicroKernel.tile(ap, aOff, b, bOff, bLd, kc, partial, slot, NR, tile, 0, NR, true);
                    MicroKernel.mergeEdge(tile, c, cIdx, ldc, mr, nr, bias, biasOff, epilogue, relu);
                }
            }
        }
    }

    /** One call's arguments, reused per thread; as a {@link WorkerPool.Task} it runs one row or column range. */
    private static final class Job implements WorkerPool.Task
    {
        int form;
        float[] a;
        int aOff;
        float[] b;
        int bOff;
        float[] c;
        int cOff;
        int m;
        int k;
        int n;
        boolean accumulate;
        float[] bias;
        int biasOff;
        boolean epilogue;
        boolean relu;
        boolean splitRows;
        long partialMax;

        void set(
            final int form, final float[] a, final int aOff, final float[] b, final int bOff, final float[] c,
            final int cOff, final int m, final int k, final int n, final boolean accumulate, final float[] bias,
            final int biasOff, final boolean epilogue, final boolean relu)
        {
            this.form = form;
            this.a = a;
            this.aOff = aOff;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
            this.m = m;
            this.k = k;
            this.n = n;
            this.accumulate = accumulate;
            this.bias = bias;
            this.biasOff = biasOff;
            this.epilogue = epilogue;
            this.relu = relu;
        }

        void clear()
        {
            a = null;
            b = null;
            c = null;
            bias = null;
        }

        @Override
        public void run(final int taskIndex, final int taskCount)
        {
            if (splitRows)
            {
                final int tiles = (m + MR - 1) / MR;
                final int i0 = WorkerPool.partitionStart(taskIndex, taskCount, tiles) * MR;
                final int i1 = Math.min(m, WorkerPool.partitionStart(taskIndex + 1, taskCount, tiles) * MR);
                blocked(this, i0, i1, 0, n);
            }
            else
            {
                final int tiles = (n + NR - 1) / NR;
                final int j0 = WorkerPool.partitionStart(taskIndex, taskCount, tiles) * NR;
                final int j1 = Math.min(n, WorkerPool.partitionStart(taskIndex + 1, taskCount, tiles) * NR);
                blocked(this, 0, m, j0, j1);
            }
        }
    }

    /** Per-thread packing buffers, grown on demand and then reused; packed B starts cache-line aligned. */
    private static final class Workspace
    {
        final float[] tile = new float[MR * NR];
        private float[] partial = new float[0];
        private float[] a = new float[0];
        private float[] b = new float[0];

        float[] a(final int size)
        {
            if (a.length < size)
            {
                a = new float[Math.max(size, MC * KC)];
            }
            return a;
        }

        float[] partial(final int size)
        {
            if (partial.length < size)
            {
                partial = new float[size];
            }
            return partial;
        }

        float[] b(final int size)
        {
            if (b.length < CacheAlignment.OFFSET + size)
            {
                b = new float[CacheAlignment.length(size)];
            }
            return b;
        }
    }
}
