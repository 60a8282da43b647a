package dev.vecnum.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnum.nn.BadInputException;
import dev.vecnum.nn.Init;
import dev.vecnum.nn.Mlp;
import dev.vecnum.nn.train.LrSchedule;
import dev.vecnum.nn.train.OptimizerConfig;
import dev.vecnum.nn.train.ParamOptimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest
{
    private static final OptimizerConfig ADAM = new OptimizerConfig(OptimizerConfig.Kind.ADAM,
        new LrSchedule(LrSchedule.Kind.CONSTANT, 1e-3, 0, 0), 0, false, 0.9, 0.999, 1e-8, 0, 0);

    @TempDir
    Path dir;

    @Test
    void shouldRoundTripParametersStateAndFrontEndBytesAndRestoreThem() throws IOException
    {
        final Mlp mlp = new Mlp(new int[] {4, 3, 2}, 8);
        Init.HE_UNIFORM.apply(mlp, 1);
        final ParamOptimizer optimizer = new ParamOptimizer(ADAM, mlp);
        Arrays.fill(mlp.grads(), 0.25f);
        optimizer.step();
        final Path file = dir.resolve("run.ckpt");
        CheckpointFile.of("fp", mlp, optimizer, new byte[] {1, 2, 3}).write(file);
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(1, files.count(), "no temporary file left");
        }
        final CheckpointFile read = CheckpointFile.read(file);
        assertEquals("fp", read.fingerprint());
        assertArrayEquals(mlp.params(), read.params());
        assertArrayEquals(new byte[] {1, 2, 3}, read.extra());
        final Mlp fresh = new Mlp(new int[] {4, 3, 2}, 8);
        final ParamOptimizer freshOptimizer = new ParamOptimizer(ADAM, fresh);
        read.restore("fp", file.toString(), fresh, freshOptimizer);
        assertArrayEquals(mlp.params(), fresh.params());
        assertEquals(1, freshOptimizer.stepCount());
        assertArrayEquals(optimizer.stateArrays()[1], freshOptimizer.stateArrays()[1]);
    }

    @Test
    void shouldRejectAnotherArchitectureAndCorruptedFilesWithOneLine() throws IOException
    {
        final Mlp mlp = new Mlp(new int[] {4, 3, 2}, 8);
        final Path file = dir.resolve("run.ckpt");
        CheckpointFile.of("layers 4-3-2", mlp, new ParamOptimizer(ADAM, mlp), new byte[0]).write(file);
        final Mlp other = new Mlp(new int[] {4, 5, 2}, 8);
        final CheckpointFile read = CheckpointFile.read(file);
        assertEquals(file + ": checkpoint is for [layers 4-3-2], this run is [layers 4-5-2]",
            assertThrows(BadInputException.class, () -> read.restore("layers 4-5-2", file.toString(), other,
                new ParamOptimizer(ADAM, other))).getMessage());
        assertEquals(file + ": checkpoint has 23 parameters, the model 37",
            assertThrows(BadInputException.class, () -> read.restore("layers 4-3-2", file.toString(), other,
                new ParamOptimizer(ADAM, other))).getMessage());
        final byte[] bytes = Files.readAllBytes(file);
        bytes[40] ^= 1;
        Files.write(file, bytes);
        assertEquals(file + ": corrupted checkpoint (checksum mismatch)",
            assertThrows(BadInputException.class, () -> CheckpointFile.read(file)).getMessage());
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertEquals(file + ": corrupted checkpoint (truncated or extended: " + (bytes.length - 3) + " bytes, expected " +
            bytes.length + ")", assertThrows(BadInputException.class, () -> CheckpointFile.read(file)).getMessage());
        assertEquals(dir.resolve("nope") + ": no such checkpoint file",
            assertThrows(BadInputException.class, () -> CheckpointFile.read(dir.resolve("nope"))).getMessage());
    }
}
