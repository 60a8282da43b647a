package dev.vecnum.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LrScheduleTest
{
    @Test
    void shouldFollowTheLessonsLinearWarmupAndDecay()
    {
        final LrSchedule schedule = new LrSchedule(LrSchedule.Kind.LINEAR, 1e-4, 10_000, 23_640);
        assertEquals(1e-4 * 1 / 10_000, schedule.at(1), 0.0);
        assertEquals(1e-4 * 5_000 / 10_000, schedule.at(5_000), 0.0);
        assertEquals(1e-4, schedule.at(10_000), 0.0);
        assertEquals(1e-4 - 1e-4 * 1 / 13_640, schedule.at(10_001), 0.0);
        assertEquals(1e-4 - 1e-4 * 6_820 / 13_640, schedule.at(16_820), 0.0);
        assertEquals(0.0, schedule.at(23_640), 0.0);
        assertEquals(0.0, schedule.at(30_000), 0.0);
    }

    @Test
    void shouldFollowCosineAfterWarmupAndStayConstantOtherwise()
    {
        final LrSchedule cosine = new LrSchedule(LrSchedule.Kind.COSINE, 2.0, 10, 110);
        assertEquals(1.0, cosine.at(5), 0.0);
        assertEquals(2.0, cosine.at(10), 1e-15);
        assertEquals(1.0, cosine.at(60), 1e-15);
        assertEquals(0.0, cosine.at(110), 0.0);
        final LrSchedule constant = new LrSchedule(LrSchedule.Kind.CONSTANT, 0.5, 0, 0);
        assertEquals(0.5, constant.at(1), 0.0);
        assertEquals(0.5, constant.at(1_000_000), 0.0);
    }
}
