package dev.vecnum.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.lesson.LessonRun;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.Loss;
import dev.vecnum.nn.data.Dataset;
import dev.vecnum.nn.train.TrainingStep;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A training step (forward, loss, backward, optimizer update) allocates nothing, including a short last batch
 * in steady state (measured with the JVM's per-thread allocation counter once the JIT has compiled the step).
 */
class ZeroAllocationTest
{
    @ParameterizedTest
    @EnumSource(LessonRun.class)
    void shouldAllocateNothingPerTrainingStep(final LessonRun run)
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        final DataSplit data = BundledData.lessonSplit();
        final TrainingRun training = new TrainingRun(data, LessonRun.HIDDEN, Init.LESSON, 0, run.batch(),
            run.config());
        final TrainingStep<float[]> step = new TrainingStep<>(training.mlp(), Loss.MSE, training.optimizer());
        final Dataset train = data.train();
        steps(step, train, run.batch(), 20_000);
        // Vector API code allocates its vector boxes until C2 has compiled it (background compilation, slower on a
        // busy machine), and a one-off JIT event may allocate a few hundred bytes; a per-step allocation of the
        // compiled code shows in every round, so one clean round of 5000 steps proves there is none
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 20 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            steps(step, train, run.batch(), 5_000);
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds.append(allocated).append(' ');
        }
        assertEquals(0, allocated, "bytes allocated per round of 5000 training steps: " + rounds);
    }

    private static void steps(final TrainingStep<float[]> step, final Dataset train, final int batch, final int count)
    {
        final int in = train.features();
        for (int s = 0; s < count; s++)
        {
            // every third step is a short batch of batch - 1 rows (at least 1)
            final int rows = s % 3 == 2 ? Math.max(1, batch - 1) : batch;
            final int from = (s * batch) % (train.rows() - batch);
            step.step(train.x(), from * in, train.y(), from, rows);
        }
    }
}
