package dev.vecnum.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark's body works without the JMH harness (JMH itself is only run on demand, never in the build). */
class TrainStepBenchmarkTest
{
    @Test
    void shouldTrainAndCountSamplesAcrossTheWrapAround()
    {
        final TrainStepBenchmark benchmark = new TrainStepBenchmark();
        benchmark.batch = 1024;
        benchmark.setUp();
        final TrainStepBenchmark.Samples samples = new TrainStepBenchmark.Samples();
        // 9456 train rows hold 9 batches of 1024: the tenth step wraps around to row 0 and sees batch 1 again
        final double first = benchmark.step(samples);
        for (int i = 1; i < 9; i++)
        {
            assertTrue(Double.isFinite(benchmark.step(samples)));
        }
        final double again = benchmark.step(samples);
        assertEquals(10 * 1024, samples.samples);
        assertTrue(again < first, "same rows after 9 AdamW steps: " + first + " -> " + again);
    }
}
