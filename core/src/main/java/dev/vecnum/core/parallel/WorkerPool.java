package dev.vecnum.core.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * A fixed pool of daemon worker threads for data-parallel kernels, built on Agrona idle strategies.
 *
 * <p>A pool of {@code threads} participants owns {@code threads - 1} worker threads; the calling thread is participant
 * 0 and runs its share of every dispatch itself. {@link #execute(Task, int)} runs task indices
 * {@code 0 .. taskCount-1}, each exactly once, with a <em>static</em> assignment: participant {@code t} runs the indices
 * {@code t, t + threads, t + 2·threads, …}. Kernels that give each task index a fixed, disjoint piece of the output
 * therefore produce bit-identical results whatever the thread count.
 *
 * <p>Dispatch allocates nothing: the caller passes a reusable {@link Task} object (not a capturing lambda), the pool
 * publishes it through a volatile generation counter; idle workers spin, then yield ({@link BackoffIdleStrategy} with no
 * timed-park phase, since timer slack would add ~50 µs to a dispatch), and after about 2 ms without
 * work block until the next dispatch unparks them.
 *
 * <p>Thread-safety: any number of threads may call {@link #execute(Task, int)} concurrently. One dispatch at a time
 * uses the workers; a call that finds the pool busy (another caller, or a task dispatching again from inside a
 * worker) runs all its tasks inline on the calling thread instead of waiting, so calls never deadlock and results do
 * not depend on which path was taken. An exception thrown by any task is rethrown to the caller of
 * {@code execute} after every other task of that dispatch has run (a failing task does not cancel the others); if several tasks throw, the first recorded one
 * wins and the others are added to it as suppressed exceptions.
 *
 * <pre>
 * final class Scale implements WorkerPool.Task
 * {
 *     float[] x;
 *     public void run(final int task, final int tasks)
 *     {
 *         final int from = WorkerPool.partitionStart(task, tasks, x.length);
 *         final int to = WorkerPool.partitionStart(task + 1, tasks, x.length);
 *         for (int i = from; i &lt; to; i++) x[i] *= 2f;
 *     }
 * }
 * WorkerPool.shared().execute(scale, WorkerPool.shared().threads());
 * </pre>
 */
public final class WorkerPool implements AutoCloseable
{
    /** System property for the shared pool's participant count (default: available processors). */
    public static final String THREADS_PROPERTY = "vecnum.threads";

    private static final Object SHARED_LOCK = new Object();
    private static volatile WorkerPool sharedPool;

    /** How long (ns) an idle worker keeps spinning/yielding/short-parking before it blocks until unparked. */
    private static final long DEEP_PARK_AFTER_NS = 2_000_000L;

    /**
     * A unit of parallel work. Implementations are typically long-lived objects whose fields the dispatcher sets
     * before each call, so that dispatch allocates nothing.
     */
    @FunctionalInterface
    public interface Task
    {
        /**
         * Runs one task of a dispatch.
         *
         * @param taskIndex index of this task, in {@code [0, taskCount)}
         * @param taskCount number of tasks in the dispatch
         */
        void run(int taskIndex, int taskCount);
    }

    private final int threads;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    // spin, then yield, never a timed park: Linux timer slack turns even a 1 µs park into ~50 µs of latency
    private final IdleStrategy callerIdle = new BackoffIdleStrategy(256, Long.MAX_VALUE, 1_000L, 1_000L);
    private volatile Task task;
    private volatile int taskCount;
    private volatile long generation;
    private volatile boolean running = true;

    /**
     * Creates a pool of {@code threads} participants: the caller plus {@code threads - 1} daemon workers, started now.
     *
     * @param threads participant count, at least 1 (1 means every dispatch runs inline)
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public WorkerPool(final int threads)
    {
        if (threads < 1)
        {
            throw new IllegalArgumentException("WorkerPool: threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++)
        {
            workers[w] = new Worker(w + 1);
            workers[w].start();
        }
    }

    /**
     * The process-wide pool, created on first use with {@code -Dvecnum.threads=N} participants (default
     * {@link Runtime#availableProcessors()}), or the one {@link #resizeShared(int)} last set.
     *
     * @return the shared pool; never closed while it is the shared one
     */
    public static WorkerPool shared()
    {
        final WorkerPool pool = sharedPool;
        return pool != null ? pool : createShared();
    }

    private static WorkerPool createShared()
    {
        synchronized (SHARED_LOCK)
        {
            if (sharedPool == null)
            {
                sharedPool = new WorkerPool(configuredThreads());
            }
            return sharedPool;
        }
    }

    /**
     * Gives the shared pool {@code threads} participants (a front end's {@code --threads N}): if it already has that
     * many, nothing changes; otherwise a new pool replaces it and the old one is closed after its running dispatch.
     * Kernels that look the pool up per call (the matmul family) use the new one at once; an object that kept the old
     * pool (an optimizer built before) runs its splits inline on its caller from then on, with identical results, so
     * call this before building optimizers. Results never depend on the thread count.
     *
     * @param threads participant count, at least 1
     * @return the shared pool now in use
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public static WorkerPool resizeShared(final int threads)
    {
        if (threads < 1)
        {
            throw new IllegalArgumentException("WorkerPool.resizeShared: threads must be >= 1, got " + threads);
        }
        synchronized (SHARED_LOCK)
        {
            final WorkerPool old = sharedPool;
            if (old != null && old.threads == threads)
            {
                return old;
            }
            sharedPool = new WorkerPool(threads);
            if (old != null)
            {
                old.close();
            }
            return sharedPool;
        }
    }

    /**
     * Participant count configured by {@code -Dvecnum.threads}, or the available processors; invalid values fall back
     * to the processor count.
     *
     * @return the configured thread count, at least 1
     */
    public static int configuredThreads()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        final String value = System.getProperty(THREADS_PROPERTY);
        if (value == null)
        {
            return cpus;
        }
        try
        {
            final int n = Integer.parseInt(value.trim());
            return n >= 1 ? n : cpus;
        }
        catch (final NumberFormatException e)
        {
            return cpus;
        }
    }

    /**
     * Start of piece {@code index} when {@code length} items are split into {@code count} contiguous pieces whose sizes
     * differ by at most one (the first {@code length % count} pieces are one larger). Piece {@code i} is
     * {@code [partitionStart(i), partitionStart(i + 1))}. Pure function of its arguments.
     *
     * @param index  piece index in {@code [0, count]}
     * @param count  number of pieces, at least 1
     * @param length number of items, at least 0
     * @return first item of the piece ({@code length} when {@code index == count})
     */
    public static int partitionStart(final int index, final int count, final int length)
    {
        final int base = length / count;
        final int extra = length % count;
        return index * base + Math.min(index, extra);
    }

    /**
     * Participants per dispatch, including the caller.
     *
     * @return thread count
     */
    public int threads()
    {
        return threads;
    }

    /**
     * Runs {@code task.run(i, taskCount)} for every {@code i} in {@code [0, taskCount)} and returns when all have
     * finished. Participant {@code t} (the caller is 0) runs indices {@code t, t + threads(), …}. Allocates nothing.
     * If the pool is busy with another dispatch, or closed, every task runs inline on the calling thread.
     *
     * @param task      the work; must tolerate being run concurrently for different indices
     * @param taskCount number of tasks, at least 0
     * @throws IllegalArgumentException when {@code taskCount < 0} or {@code task} is null
     * @throws RuntimeException         or {@link Error}: the first exception thrown by a task, after all tasks ended
     */
    public void execute(final Task task, final int taskCount)
    {
        if (task == null)
        {
            throw new IllegalArgumentException("WorkerPool.execute: task is null");
        }
        if (taskCount < 0)
        {
            throw new IllegalArgumentException("WorkerPool.execute: taskCount must be >= 0, got " + taskCount);
        }
        if (taskCount == 0)
        {
            return;
        }
        if (threads == 1 || taskCount == 1 || !running || !busy.compareAndSet(false, true))
        {
            runInline(task, taskCount);
            return;
        }
        try
        {
            dispatch(task, taskCount);
        }
        finally
        {
            busy.set(false);
        }
    }

    private void dispatch(final Task task, final int taskCount)
    {
        failure.set(null);
        this.task = task;
        this.taskCount = taskCount;
        // every worker acknowledges every generation, so none can mix up fields of two dispatches
        remaining.set(workers.length);
        generation = generation + 1;
        for (final Worker w : workers)
        {
            if (w.parked)
            {
                LockSupport.unpark(w);
            }
        }
        runShare(task, 0, taskCount);
        final IdleStrategy idle = callerIdle;
        idle.reset();
        while (remaining.get() != 0)
        {
            idle.idle();
        }
        this.task = null;
        final Throwable t = failure.getAndSet(null);
        if (t != null)
        {
            rethrow(t);
        }
    }

    private static void runInline(final Task task, final int taskCount)
    {
        Throwable first = null;
        for (int i = 0; i < taskCount; i++)
        {
            try
            {
                task.run(i, taskCount);
            }
            catch (final Throwable t)
            {
                if (first == null)
                {
                    first = t;
                }
                else if (first != t)
                {
                    first.addSuppressed(t);
                }
            }
        }
        if (first != null)
        {
            rethrow(first);
        }
    }

    private void runShare(final Task task, final int participant, final int taskCount)
    {
        for (int i = participant; i < taskCount; i += threads)
        {
            try
            {
                task.run(i, taskCount);
            }
            catch (final Throwable t)
            {
                record(t);
            }
        }
    }

    private void record(final Throwable t)
    {
        if (!failure.compareAndSet(null, t))
        {
            final Throwable first = failure.get();
            if (first != null && first != t)
            {
                first.addSuppressed(t);
            }
        }
    }

    private static void rethrow(final Throwable t)
    {
        if (t instanceof RuntimeException)
        {
            throw (RuntimeException) t;
        }
        if (t instanceof Error)
        {
            throw (Error) t;
        }
        throw new IllegalStateException("WorkerPool task failed", t);
    }

    /**
     * Stops the worker threads after any running dispatch; later dispatches run inline. Idempotent. The
     * {@link #shared()} pool should not be closed.
     */
    @Override
    public void close()
    {
        // take the dispatch lock for good: waits for a running dispatch, later calls run inline
        while (!busy.compareAndSet(false, true))
        {
            if (!running)
            {
                return;
            }
            Thread.onSpinWait();
        }
        running = false;
        for (final Worker w : workers)
        {
            LockSupport.unpark(w);
        }
    }

    private final class Worker extends Thread
    {
        private final int participant;
        // spin, then yield until DEEP_PARK_AFTER_NS, then block until unparked: no timed parks (see callerIdle)
        private final IdleStrategy idle = new BackoffIdleStrategy(1024, Long.MAX_VALUE, 1_000L, 1_000L);
        volatile boolean parked;

        Worker(final int participant)
        {
            super("vecnum-worker-" + participant);
            this.participant = participant;
            setDaemon(true);
        }

        @Override
        public void run()
        {
            long seen = 0L; // generation at construction: the first dispatch may come before this thread runs
            while (true)
            {
                long idleSince = 0L;
                idle.reset();
                long g;
                while ((g = generation) == seen)
                {
                    if (!running)
                    {
                        return;
                    }
                    if (idleSince == 0L)
                    {
                        idleSince = System.nanoTime();
                    }
                    else if (System.nanoTime() - idleSince > DEEP_PARK_AFTER_NS)
                    {
                        // publish 'parked' before re-checking the generation; the dispatcher bumps the generation
                        // before reading 'parked', so one of the two always sees the other
                        parked = true;
                        if (generation == seen && running)
                        {
                            LockSupport.park(this);
                        }
                        parked = false;
                        continue;
                    }
                    idle.idle();
                }
                seen = g;
                runShare(task, participant, taskCount);
                remaining.decrementAndGet();
            }
        }
    }

}
