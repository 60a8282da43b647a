package dev.vecnum.examples.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnum.examples.data.BundledData;
import dev.vecnum.examples.data.DataSplit;
import dev.vecnum.examples.train.EpochResult;
import dev.vecnum.examples.train.TrainingRun;
import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.train.BatchListener;
import dev.vecnum.nn.train.LrSchedule;
import dev.vecnum.nn.train.OptimizerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointTest
{
    private static final int BATCH = 16;
    private static DataSplit data;

    @TempDir
    Path dir;

    @BeforeAll
    static void load()
    {
        data = BundledData.lessonSplit();
    }

    private static OptimizerConfig config(final OptimizerConfig.Kind kind)
    {
        // a schedule that is still changing at the resume point, so the step counter must be restored too
        final LrSchedule schedule = new LrSchedule(LrSchedule.Kind.COSINE,
            kind == OptimizerConfig.Kind.SGD || kind == OptimizerConfig.Kind.MOMENTUM ? 1e-4 : 1e-3, 500, 3_000);
        return new OptimizerConfig(kind, schedule, kind == OptimizerConfig.Kind.MOMENTUM ? 0.9 : 0, false, 0.9, 0.999,
            1e-8, kind == OptimizerConfig.Kind.ADAMW ? 0.1 : 0, 5.0);
    }

    private static TrainingRun run(final OptimizerConfig.Kind kind)
    {
        return new TrainingRun(data, new int[] {10, 10}, Init.LESSON, 0, BATCH, config(kind));
    }

    @ParameterizedTest
    @EnumSource(OptimizerConfig.Kind.class)
    void shouldResumeExactlyAsAnUninterruptedRun(final OptimizerConfig.Kind kind) throws IOException
    {
        final TrainingRun uninterrupted = run(kind);
        for (int e = 0; e < 4; e++)
        {
            uninterrupted.nextEpoch(BatchListener.NONE);
        }
        final TrainingRun first = run(kind);
        first.nextEpoch(BatchListener.NONE);
        first.nextEpoch(BatchListener.NONE);
        final Path file = dir.resolve("run.ckpt");
        Checkpoint.of("fp", first).write(file);
        final TrainingRun resumed = run(kind);
        Checkpoint.read(file).restore("fp", file.toString(), resumed);
        resumed.nextEpoch(BatchListener.NONE);
        resumed.nextEpoch(BatchListener.NONE);
        assertEquals(4, resumed.history().size());
        for (int e = 0; e < 4; e++)
        {
            final EpochResult a = uninterrupted.history().get(e);
            final EpochResult b = resumed.history().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "train loss, epoch " + e);
            assertEquals(a.validLoss(), b.validLoss(), 0.0, "valid loss, epoch " + e);
            assertEquals(a.lr(), b.lr(), 0.0, "lr, epoch " + e);
        }
        assertArrayEquals(uninterrupted.mlp().params(), resumed.mlp().params(), 0f);
        assertEquals(uninterrupted.optimizer().stepCount(), resumed.optimizer().stepCount());
    }

    @Test
    void shouldRoundTripEveryField() throws IOException
    {
        final Checkpoint written = new Checkpoint("layers 3-10-1", new float[] {1, -2, Float.MIN_VALUE},
            new byte[] {4, 2, -1}, List.of(new EpochResult(0, 1.5, 2.5, 0.01, 1e-4)));
        final Path file = dir.resolve("c.ckpt");
        written.write(file);
        final Checkpoint read = Checkpoint.read(file);
        assertEquals(written.fingerprint(), read.fingerprint());
        assertArrayEquals(written.params(), read.params(), 0f);
        assertArrayEquals(written.state(), read.state());
        assertEquals(written.history(), read.history());
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(List.of(file), files.toList(), "no temporary file left beside the checkpoint");
        }
    }

    @Test
    void shouldReportCorruptedTruncatedForeignAndMissingFiles() throws IOException
    {
        final Path file = dir.resolve("c.ckpt");
        Checkpoint.of("fp", run(OptimizerConfig.Kind.ADAMW)).write(file);
        final byte[] good = Files.readAllBytes(file);

        final byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(file, flipped);
        assertEquals(file + ": corrupted checkpoint (checksum mismatch)", error(file));

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 7));
        assertEquals(file + ": corrupted checkpoint (truncated or extended: " + (good.length - 7) +
            " bytes, expected " + good.length + ")", error(file));

        Files.writeString(file, "epoch,loss\n0,1.5\n");
        assertEquals(file + ": not a vecnum checkpoint", error(file));

        Files.write(file, new byte[0]);
        assertEquals(file + ": not a vecnum checkpoint", error(file));

        assertEquals(dir.resolve("none") + ": no such checkpoint file", error(dir.resolve("none")));
    }

    @Test
    void shouldRefuseACheckpointOfAnotherConfiguration() throws IOException
    {
        final Path file = dir.resolve("c.ckpt");
        Checkpoint.of("optimizer adamw", run(OptimizerConfig.Kind.ADAMW)).write(file);
        final Checkpoint checkpoint = Checkpoint.read(file);
        assertEquals(file + ": checkpoint is for [optimizer adamw], this run is [optimizer sgd]",
            assertThrows(BadInputException.class,
                () -> checkpoint.restore("optimizer sgd", file.toString(), run(OptimizerConfig.Kind.SGD)))
                .getMessage());
    }

    private static String error(final Path file)
    {
        return assertThrows(BadInputException.class, () -> Checkpoint.read(file)).getMessage();
    }
}
