package dev.vecnum.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vecnum.core.parallel.WorkerPool;
import dev.vecnum.examples.monitor.ClassifyPlots;
import dev.vecnum.nn.data.IdxDataset;
import dev.vecnum.nn.data.IdxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code classify} end to end on small IDX files the test writes ({@link IdxFixture}). */
class ClassifyCommandTest
{
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final Pattern ACCURACY = Pattern.compile("(?m)^test accuracy (0\\.\\d{4}|1\\.0000)$");

    @TempDir
    Path dir;

    private Path data() throws IOException
    {
        return IdxFixture.write(Files.createDirectories(dir.resolve("data")));
    }

    private static String[] args(final Path data, final String... more)
    {
        final List<String> all = new ArrayList<>(List.of("classify", "--data", data.toString(), "--hidden", "16",
            "--batch", "16", "--lr", "1e-2"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static double accuracy(final CliRun run)
    {
        final Matcher m = ACCURACY.matcher(run.out());
        assertTrue(m.find(), "a 'test accuracy 0.xxxx' line: " + run.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shouldTrainAndPrintEpochLinesTableAccuracyLogAndPlots() throws IOException
    {
        final Path log = dir.resolve("log.jsonl");
        final Path out = dir.resolve("plots");
        final CliRun run = CliRun.of(args(data(), "--epochs", "4", "--log", log.toString(), "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        final List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).contains("150 train / 45 test images of 6x5, 3 classes; model 30-16-3"), lines.get(0));
        for (int e = 1; e <= 4; e++)
        {
            final String prefix = "epoch " + e + "/4  train ";
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix)), prefix + " in " + run.out());
        }
        assertTrue(lines.contains("epoch train loss  test loss  test acc   seconds  samples/s"), run.out());
        assertTrue(accuracy(run) >= 0.9, run.out());
        final List<String> logLines = Files.readAllLines(log);
        assertEquals(4, logLines.size());
        final ObjectMapper json = new ObjectMapper();
        for (int e = 0; e < 4; e++)
        {
            final JsonNode line = json.readTree(logLines.get(e));
            final List<String> keys = new ArrayList<>();
            line.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("epoch", "train_loss", "test_loss", "test_accuracy", "seconds", "samples_per_s"), keys);
            assertEquals(e, line.get("epoch").asInt());
            assertTrue(line.get("seconds").asDouble() > 0 && line.get("samples_per_s").asDouble() > 0, line.toString());
        }
        assertEquals(accuracy(run), json.readTree(logLines.get(3)).get("test_accuracy").asDouble(), 5e-5);
        for (final String png : List.of(ClassifyPlots.CURVES_PNG, ClassifyPlots.CONFUSION_PNG,
            ClassifyPlots.MISCLASSIFIED_PNG))
        {
            final byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertTrue(bytes.length > 2_000, png + " has " + bytes.length + " bytes");
            assertArrayEquals(PNG, Arrays.copyOf(bytes, 4), png);
            assertTrue(run.out().contains("wrote " + out.resolve(png)), png);
        }
    }

    @Test
    void shouldPrintOnlyTheTableAndAccuracyWhenQuiet() throws IOException
    {
        final CliRun run = CliRun.of(args(data(), "--epochs", "2", "--quiet"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(4, run.out().lines().count(), run.out());
        assertEquals("", run.err());
        accuracy(run);
    }

    @Test
    void shouldResumeFromACheckpointWithTheSameResultsAsAnUninterruptedRun() throws IOException
    {
        final Path data = data();
        final String[] common = args(data, "--quiet", "--optimizer", "momentum", "--schedule", "cosine", "--warmup",
            "5", "--total-steps", "50");
        final Path full = dir.resolve("full.jsonl");
        assertEquals(0, CliRun.of(concat(common, "--epochs", "4", "--log", full.toString())).exitCode());
        final Path ckpt = dir.resolve("run.ckpt");
        assertEquals(0, CliRun.of(concat(common, "--epochs", "2", "--checkpoint", ckpt.toString())).exitCode());
        final Path resumed = dir.resolve("resumed.jsonl");
        final CliRun run = CliRun.of(concat(common, "--epochs", "4", "--resume", ckpt.toString(), "--checkpoint",
            ckpt.toString(), "--log", resumed.toString()));
        assertEquals(0, run.exitCode(), run.err());
        final List<String> a = Files.readAllLines(full);
        final List<String> b = Files.readAllLines(resumed);
        assertEquals(4, b.size());
        final ObjectMapper json = new ObjectMapper();
        for (int e = 0; e < 4; e++)
        {
            for (final String key : List.of("epoch", "train_loss", "test_loss", "test_accuracy"))
            {
                assertEquals(json.readTree(a.get(e)).get(key).asDouble(), json.readTree(b.get(e)).get(key).asDouble(),
                    0.0, key + " at epoch " + e);
            }
        }
    }

    @Test
    void shouldGiveTheSameBitsForASeedWhateverTheThreadCount() throws IOException
    {
        final Path data = data();
        final int original = WorkerPool.shared().threads();
        try
        {
            final CliRun one = CliRun.of(args(data, "--epochs", "2", "--threads", "1", "--hidden", "40,24"));
            assertEquals(0, one.exitCode(), one.err());
            assertTrue(one.out().lines().findFirst().orElseThrow().endsWith("; 1 threads"), one.out());
            assertEquals(1, WorkerPool.shared().threads(), "--threads sets the kernels' worker count");
            final CliRun two = CliRun.of(args(data, "--epochs", "2", "--threads", "2", "--hidden", "40,24"));
            assertEquals(2, WorkerPool.shared().threads());
            final CliRun again = CliRun.of(args(data, "--epochs", "2", "--threads", "2", "--hidden", "40,24"));
            assertEquals(losses(two), losses(again), "same seed and threads, same bits");
            assertEquals(losses(one), losses(two), "the kernels are bit-identical whatever the thread count");
            final CliRun otherSeed = CliRun.of(args(data, "--epochs", "2", "--seed", "5", "--hidden", "40,24"));
            assertFalse(losses(one).equals(losses(otherSeed)), "another seed, other losses");
        }
        finally
        {
            WorkerPool.resizeShared(original);
        }
    }

    private static List<String> losses(final CliRun run)
    {
        return run.out().lines().filter(l -> l.matches("epoch \\d+/.*"))
            .map(l -> l.substring(0, l.indexOf("accuracy"))).toList();
    }

    /** Runs classify with a log, a checkpoint and plots in the temp dir and checks the bad-input contract. */
    private String badInput(final Path data, final String... more) throws IOException
    {
        final List<String> all = new ArrayList<>(List.of("classify", "--quiet", "--data", data.toString(), "--log",
            dir.resolve("log.jsonl").toString(), "--checkpoint", dir.resolve("run.ckpt").toString(), "--out",
            dir.resolve("plots").toString()));
        all.addAll(List.of(more));
        final List<Path> before = listing();
        final CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
        assertEquals(before, listing(), "no log, checkpoint, plot or temporary file left behind");
        return run.err().strip();
    }

    private List<Path> listing() throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.sorted().toList();
        }
    }

    @Test
    void shouldNameTheDataDefectWithOneLineAndExitCode2() throws IOException
    {
        final Path data = data();
        final Path missing = dir.resolve("nowhere");
        assertEquals("classify: " + missing + ": no such directory (install Fashion-MNIST with `apt-get install " +
            "dataset-fashion-mnist`, or pass --data DIR)", badInput(missing));

        final Path testLabels = data.resolve(IdxDataset.TEST_LABELS);
        final byte[] labels = Files.readAllBytes(testLabels);
        Files.delete(testLabels);
        assertEquals("classify: " + testLabels + "[.gz]: no such file", badInput(data));

        Files.write(testLabels, Arrays.copyOf(labels, labels.length - 4));
        assertEquals("classify: " + testLabels + ": truncated: the header announces 45 labels (45 bytes of data), " +
            "the file has 41", badInput(data));

        final Path testImages = data.resolve(IdxDataset.TEST_IMAGES);
        Files.copy(testImages, testLabels, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("classify: " + testLabels + ": not an IDX label file (magic number 0x00000803, expected " +
            "0x00000801)", badInput(data));

        IdxFile.writeLabels(testLabels, IdxFixture.labels(44), false);
        assertEquals("classify: " + testLabels + ": 44 labels, but t10k-images-idx3-ubyte has 45 images",
            badInput(data));

        final int[] beyond = IdxFixture.labels(45);
        beyond[7] = 3;
        IdxFile.writeLabels(testLabels, beyond, false);
        assertEquals("classify: " + testLabels + ": label 3 at item 7 is outside the 3 classes the training labels " +
            "reach (0..2)", badInput(data));

        IdxFile.writeLabels(testLabels, IdxFixture.labels(45), false);
        assertEquals("classify: " + data.resolve(IdxDataset.TRAIN_LABELS + ".gz") + ": label 2 at item 2 is not " +
            "below --classes 2", badInput(data, "--classes", "2"));

        IdxFile.writeImages(testImages, 45, 5, 6, new byte[45 * 30], false);
        assertEquals("classify: " + testImages + ": images are 5x6, the training images " +
            "(train-images-idx3-ubyte.gz) are 6x5", badInput(data));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--hidden 16,0|classify: --hidden must be > 0, got 0",
        "--hidden -5|classify: --hidden must be > 0, got -5",
        "--batch 0|classify: --batch must be > 0, got 0",
        "--epochs 0|classify: --epochs must be > 0, got 0",
        "--classes 0|classify: --classes must be > 0, got 0",
        "--threads 0|classify: --threads must be > 0, got 0",
        "--optimizer rmsprop|classify: --optimizer: unknown value 'rmsprop' (expected sgd, momentum, adam, adamw)",
        "--lr -1|classify: --lr must be finite and >= 0, got -1.0",
        "--optimizer sgd --weight-decay 0.1|classify: --weight-decay applies to adamw only, got 0.1",
        "--batch x|classify: Invalid value for option '--batch': 'x' is not an int (see --help)",
    })
    void shouldRejectInvalidOptionsWithOneLineAndExitCode2(final String options, final String message)
        throws IOException
    {
        assertEquals(message, badInput(data(), options.split(" ")));
    }

    @Test
    void shouldRejectACheckpointFromAnotherArchitecture() throws IOException
    {
        final Path data = data();
        final Path ckpt = dir.resolve("other.ckpt");
        assertEquals(0, CliRun.of(args(data, "--quiet", "--epochs", "1", "--checkpoint", ckpt.toString()))
            .exitCode());
        assertEquals("classify: " + ckpt + ": checkpoint is for [classify; layers 30-16-3; loss " +
            "softmax-cross-entropy; optimizer adamw; batch 16; seed 0], this run is [classify; layers 30-8-3; loss " +
            "softmax-cross-entropy; optimizer adamw; batch 16; seed 0]",
            badInput(data, "--hidden", "8", "--batch", "16", "--resume", ckpt.toString()));
        Files.writeString(ckpt, "garbage");
        assertEquals("classify: " + ckpt + ": not a vecnum checkpoint", badInput(data, "--resume", ckpt.toString()));
    }

    @Test
    void shouldDocumentEveryContractOptionInHelp()
    {
        final CliRun run = CliRun.of("classify", "--help");
        assertEquals(0, run.exitCode());
        for (final String option : List.of("--data", "--hidden", "--epochs", "--batch", "--optimizer", "--lr",
            "--momentum", "--weight-decay", "--schedule", "--warmup", "--classes", "--seed", "--threads", "--log",
            "--out", "--checkpoint", "--resume", "--quiet", "--help"))
        {
            assertTrue(run.out().contains(option), option);
        }
        assertTrue(run.out().contains("(default: /usr/share/datasets/fashion-mnist)"), run.out());
        assertTrue(run.out().contains("(default: adamw)"), run.out());
    }

    private static String[] concat(final String[] head, final String... tail)
    {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }
}
