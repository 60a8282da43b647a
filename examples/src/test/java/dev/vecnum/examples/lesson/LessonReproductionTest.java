package dev.vecnum.examples.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.TrainingRun;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.train.BatchListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trains each of the lesson's six runs in float32 and compares every epoch with the lesson's own float64 numpy log
 * ({@code lesson/<run>.jsonl}, copied from the reference): valid loss within 1 % at every epoch (the goal),
 * train loss within 1 % too.
 */
class LessonReproductionTest
{
    private static DataSplit data;

    @BeforeAll
    static void load()
    {
        data = BundledData.lessonSplit();
    }

    @ParameterizedTest
    @EnumSource(LessonRun.class)
    void shouldMatchLessonLossesWithinOnePercentAtEveryEpoch(final LessonRun run) throws IOException
    {
        final List<JsonNode> reference = reference(run.runName());
        assertEquals(run.epochs(), reference.size(), "reference epochs");
        final TrainingRun training = new TrainingRun(data, LessonRun.HIDDEN, Init.LESSON, 0, run.batch(), run.config());
        double maxDeviation = 0;
        for (final JsonNode expected : reference)
        {
            final EpochResult actual = training.nextEpoch(BatchListener.NONE);
            assertEquals(expected.get("epoch").asInt(), actual.epoch());
            final double valid = expected.get("valid_loss").asDouble();
            final double train = expected.get("train_loss").asDouble();
            final double deviation = Math.abs(actual.validLoss() - valid) / valid;
            maxDeviation = Math.max(maxDeviation, deviation);
            assertTrue(deviation <= 0.01, () -> run.runName() + " epoch " + actual.epoch() + ": valid " +
                actual.validLoss() + " vs lesson " + valid);
            assertEquals(train, actual.trainLoss(), 0.01 * train, () -> run.runName() + " epoch " + actual.epoch() +
                " train loss");
        }
        System.out.printf("%s: max valid deviation %.2e, final valid %.4f%n", run.runName(), maxDeviation,
            training.history().get(run.epochs() - 1).validLoss());
    }

    static List<JsonNode> reference(final String run) throws IOException
    {
        final ObjectMapper json = new ObjectMapper();
        final List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
            LessonReproductionTest.class.getResourceAsStream("/lesson/" + run + ".jsonl"), StandardCharsets.UTF_8)))
        {
            for (String line = reader.readLine(); line != null; line = reader.readLine())
            {
                if (!line.isBlank())
                {
                    lines.add(json.readTree(line));
                }
            }
        }
        return lines;
    }
}
