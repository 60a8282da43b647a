package dev.vecnum.core.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class WorkerPoolTest
{
    @Test
    void shouldPartitionEveryLengthIntoContiguousBalancedPieces()
    {
        for (int count = 1; count <= 9; count++)
        {
            for (int length = 0; length <= 50; length++)
            {
                assertEquals(0, WorkerPool.partitionStart(0, count, length));
                assertEquals(length, WorkerPool.partitionStart(count, count, length));
                for (int i = 0; i < count; i++)
                {
                    final int size = WorkerPool.partitionStart(i + 1, count, length) -
                        WorkerPool.partitionStart(i, count, length);
                    assertTrue(size == length / count || size == length / count + 1, "size " + size);
                }
            }
        }
    }

    @Test
    void shouldRunEveryTaskExactlyOnceOnItsStaticParticipant()
    {
        for (int threads = 1; threads <= 3; threads++)
        {
            try (WorkerPool pool = new WorkerPool(threads))
            {
                for (final int tasks : new int[] {0, 1, 2, 3, 5, 17, 64})
                {
                    for (int round = 0; round < 50; round++)
                    {
                        final AtomicIntegerArray hits = new AtomicIntegerArray(tasks);
                        final String[] ranOn = new String[tasks];
                        pool.execute((i, n) ->
                        {
                            assertEquals(tasks, n);
                            hits.incrementAndGet(i);
                            ranOn[i] = Thread.currentThread().getName();
                        }, tasks);
                        for (int i = 0; i < tasks; i++)
                        {
                            assertEquals(1, hits.get(i), "task " + i);
                            if (threads > 1 && tasks > 1 && i % threads != 0)
                            {
                                assertEquals("vecnum-worker-" + (i % threads), ranOn[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldPropagateWorkerExceptionAfterAllTasksFinished()
    {
        try (WorkerPool pool = new WorkerPool(3))
        {
            final AtomicInteger done = new AtomicInteger();
            final IllegalStateException boom = new IllegalStateException("boom");
            final IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.execute((i, n) ->
            {
                if (i == 4)
                {
                    throw boom;
                }
                done.incrementAndGet();
            }, 9));
            assertSame(boom, thrown);
            assertEquals(8, done.get());
            // the pool stays usable
            final AtomicInteger after = new AtomicInteger();
            pool.execute((i, n) -> after.incrementAndGet(), 6);
            assertEquals(6, after.get());
        }
    }

    @Test
    void shouldPropagateErrorsFromCallerShareAndCollectSuppressed()
    {
        try (WorkerPool pool = new WorkerPool(2))
        {
            final AssertionError e = assertThrows(AssertionError.class, () -> pool.execute((i, n) ->
            {
                throw new AssertionError("task " + i);
            }, 2));
            assertTrue(e.getMessage().startsWith("task "));
            assertEquals(1, e.getSuppressed().length);
        }
    }

    @Test
    void shouldServeConcurrentAndNestedCallers() throws Exception
    {
        try (WorkerPool pool = new WorkerPool(3))
        {
            final int callers = 4;
            final AtomicReference<Throwable> error = new AtomicReference<>();
            final CountDownLatch start = new CountDownLatch(1);
            final Thread[] threads = new Thread[callers];
            for (int c = 0; c < callers; c++)
            {
                final int seed = c;
                threads[c] = new Thread(() ->
                {
                    try
                    {
                        start.await();
                        for (int round = 0; round < 200; round++)
                        {
                            final long[] out = new long[7];
                            pool.execute((i, n) ->
                            {
                                // nested dispatch from inside a task must not deadlock
                                final long[] inner = new long[3];
                                pool.execute((j, m) -> inner[j] = j + 1, 3);
                                out[i] = (long) seed * 1000 + i + inner[0] + inner[1] + inner[2];
                            }, 7);
                            for (int i = 0; i < 7; i++)
                            {
                                assertEquals((long) seed * 1000 + i + 6, out[i]);
                            }
                        }
                    }
                    catch (final Throwable t)
                    {
                        error.compareAndSet(null, t);
                    }
                });
                threads[c].start();
            }
            start.countDown();
            for (final Thread t : threads)
            {
                t.join(60_000);
                assertTrue(!t.isAlive(), "caller hung");
            }
            if (error.get() != null)
            {
                throw new AssertionError(error.get());
            }
        }
    }

    @Test
    void shouldWakeWorkersFromDeepParkAndRunInlineAfterClose() throws Exception
    {
        final WorkerPool pool = new WorkerPool(2);
        final int[] out = new int[4];
        Thread.sleep(20); // longer than the deep-park threshold
        pool.execute((i, n) -> out[i] = i * i, 4);
        assertArrayEquals(new int[] {0, 1, 4, 9}, out);
        pool.close();
        pool.close();
        pool.execute((i, n) -> out[i] = -i, 4);
        assertArrayEquals(new int[] {0, -1, -2, -3}, out);
    }

    @Test
    void shouldRejectBadArguments()
    {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.shared().execute(null, 1));
        assertThrows(IllegalArgumentException.class, () -> WorkerPool.shared().execute((i, n) -> { }, -1));
        assertTrue(WorkerPool.shared().threads() >= 1);
    }

    @Test
    void shouldResizeTheSharedPoolAndRunTheReplacedOneInline()
    {
        final WorkerPool before = WorkerPool.shared();
        final int original = before.threads();
        try
        {
            final int other = original == 1 ? 2 : 1;
            final WorkerPool resized = WorkerPool.resizeShared(other);
            assertEquals(other, resized.threads());
            assertSame(resized, WorkerPool.shared());
            assertSame(resized, WorkerPool.resizeShared(other), "same count: no new pool");
            final Thread caller = Thread.currentThread();
            final AtomicIntegerArray hits = new AtomicIntegerArray(16);
            final AtomicReference<Thread> elsewhere = new AtomicReference<>();
            before.execute((task, tasks) ->
            {
                hits.incrementAndGet(task);
                if (Thread.currentThread() != caller)
                {
                    elsewhere.set(Thread.currentThread());
                }
            }, 16);
            for (int t = 0; t < 16; t++)
            {
                assertEquals(1, hits.get(t), "task " + t);
            }
            assertEquals(null, elsewhere.get(), "the replaced pool runs every task on its caller");
            assertThrows(IllegalArgumentException.class, () -> WorkerPool.resizeShared(0));
        }
        finally
        {
            WorkerPool.resizeShared(original);
        }
        assertEquals(original, WorkerPool.shared().threads());
    }
}
