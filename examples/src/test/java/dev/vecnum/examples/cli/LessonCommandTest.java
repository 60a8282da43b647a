package dev.vecnum.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vecnum.examples.lesson.LessonJob;
import dev.vecnum.examples.lesson.LessonRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCommandTest
{
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path dir;

    @Test
    void shouldPrintTheTableAndWriteLogsAndPlots() throws IOException
    {
        final Path out = dir.resolve("out");
        final CliRun run = CliRun.of("lesson", "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        final String[] lines = run.out().split("\n");
        assertEquals(1 + LessonRun.values().length, lines.length, run.out());
        assertTrue(lines[0].startsWith("run "), lines[0]);
        for (final LessonRun lesson : LessonRun.values())
        {
            assertTrue(run.out().contains(lesson.runName() + " "), lesson.runName());
            assertEquals(lesson.epochs(), Files.readAllLines(out.resolve(lesson.runName() + ".jsonl")).size());
        }
        for (final String png : new String[] {LessonJob.VALID_LOSS_PNG, LessonJob.LR_SCHEDULE_PNG,
            LessonJob.SINGULAR_VALUES_PNG})
        {
            final byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 10_000, png + " has " + bytes.length + " bytes");
            assertArrayEquals(PNG, Arrays.copyOf(bytes, 4), png);
        }
    }

    @Test
    void shouldRequireOut()
    {
        final CliRun run = CliRun.of("lesson");
        assertEquals(2, run.exitCode());
        assertEquals("lesson: Missing required option: '--out=DIR' (see --help)", run.err().strip());
    }
}
