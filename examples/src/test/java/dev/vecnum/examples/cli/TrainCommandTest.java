package dev.vecnum.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainCommandTest
{
    private static final String GOOD = "day,tmax,tmin,rain,tmax_tomorrow\n" + rows(40);

    @TempDir
    Path dir;

    private static String rows(final int n)
    {
        final StringBuilder csv = new StringBuilder();
        for (int i = 0; i < n; i++)
        {
            csv.append(i).append(',').append(50 + i % 7).append(',').append(30 + i % 5).append(',')
                .append(i % 3 == 0 ? "0.1" : "0").append(',').append(51 + i % 7).append('\n');
        }
        return csv.toString();
    }

    private Path csv(final String text) throws IOException
    {
        return Files.writeString(dir.resolve("data.csv"), text);
    }

    /** Runs train with a log and a checkpoint in the temp dir and checks the bad-input contract. */
    private String badInput(final String... args) throws IOException
    {
        final List<String> all = new ArrayList<>(List.of("train", "--quiet",
            "--log", dir.resolve("log.jsonl").toString(), "--checkpoint", dir.resolve("run.ckpt").toString()));
        all.addAll(List.of(args));
        final CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out());
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(List.of(), files.filter(f -> !f.getFileName().toString().equals("data.csv")).toList(),
                "no log, checkpoint or temporary file left behind");
        }
        return run.err().strip();
    }

    @Test
    void shouldNameFileLineAndColumnForBadCells() throws IOException
    {
        final Path data = csv(GOOD + "40,55,abc,0,56\n");
        assertEquals("train: " + data + ", line 42, column 3 (tmin): not a number: 'abc'",
            badInput("--data", data.toString()));
        csv(GOOD + "40,55,31,inf,56\n");
        assertEquals("train: " + data + ", line 42, column 4 (rain): not a finite number: 'inf'",
            badInput("--data", data.toString()));
        csv("day,tmax,tmin,rain,tmax_tomorrow\n0,50,,0,51\n" + rows(20));
        assertEquals("train: " + data + ", line 2, column 3 (tmin): empty cell with no value above it to forward-fill",
            badInput("--data", data.toString()));
        csv(GOOD + "40,55,31\n");
        assertEquals("train: " + data + ", line 42: short row: 3 fields, the header has 5",
            badInput("--data", data.toString()));
    }

    @Test
    void shouldRejectMissingEmptyAndColumnlessFiles() throws IOException
    {
        assertEquals("train: " + dir.resolve("nope.csv") + ": no such file",
            badInput("--data", dir.resolve("nope.csv").toString()));
        final Path data = csv("");
        assertEquals("train: " + data + ": empty file (no header line)", badInput("--data", data.toString()));
        csv(GOOD);
        assertEquals("train: " + data + ", line 1: missing column 'humidity' (the header has day, tmax, tmin, rain, " +
            "tmax_tomorrow)", badInput("--data", data.toString(), "--features", "tmax,humidity"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--batch 0|train: --batch must be > 0, got 0",
        "--batch -3|train: --batch must be > 0, got -3",
        "--epochs 0|train: --epochs must be > 0, got 0",
        "--hidden 10,0|train: --hidden must be > 0, got 0",
        "--lr -1|train: --lr must be finite and >= 0, got -1.0",
        "--lr NaN|train: --lr must be finite and >= 0, got NaN",
        "--optimizer adam --beta1 1|train: --beta1 must be in [0, 1), got 1.0",
        "--optimizer adam --beta2 -0.1|train: --beta2 must be in [0, 1), got -0.1",
        "--optimizer adam --eps -1e-8|train: --eps must be finite and >= 0, got -1.0E-8",
        "--optimizer momentum --momentum 1.5|train: --momentum must be in [0, 1), got 1.5",
        "--optimizer adamw --weight-decay -0.1|train: --weight-decay must be finite and >= 0, got -0.1",
        "--optimizer sgd --weight-decay 0.1|train: --weight-decay applies to adamw only, got 0.1",
        "--nesterov|train: --nesterov needs --optimizer momentum with --momentum > 0",
        "--clip-norm -1|train: --clip-norm must be finite and > 0, got -1.0",
        "--schedule linear --warmup 100 --total-steps 0|train: --total-steps must be > 0, got 0",
        "--optimizer rmsprop|train: --optimizer: unknown value 'rmsprop' (expected sgd, momentum, adam, adamw)",
        "--schedule step|train: --schedule: unknown value 'step' (expected constant, linear, cosine)",
        "--init xavier|train: --init: unknown value 'xavier' (expected lesson, default, he_uniform)",
        "--batch x|train: Invalid value for option '--batch': 'x' is not an int (see --help)",
        "--bogus|train: Unknown option: '--bogus' (see --help)",
        "--features tmax,tmax|train: --features must name distinct columns, got tmax,tmax",
        "--target tmax|train: --target tmax is also a feature",
    })
    void shouldRejectInvalidOptionsWithOneLineAndExitCode2(final String options, final String message)
        throws IOException
    {
        final Path data = csv(GOOD);
        final List<String> args = new ArrayList<>(List.of("--data", data.toString()));
        args.addAll(List.of(options.split(" ")));
        assertEquals(message, badInput(args.toArray(String[]::new)));
    }

    @Test
    void shouldRejectAMissingLogDirectoryAndACorruptedResumeFile() throws IOException
    {
        final Path data = csv(GOOD);
        final CliRun noDir = CliRun.of("train", "--quiet", "--data", data.toString(), "--log",
            dir.resolve("missing/log.jsonl").toString());
        assertEquals(2, noDir.exitCode());
        assertEquals("train: " + dir.resolve("missing/log.jsonl") + ": directory " + dir.resolve("missing") +
            " does not exist", noDir.err().strip());
        Files.writeString(dir.resolve("bad.ckpt"), "garbage");
        final CliRun corrupted = CliRun.of("train", "--quiet", "--data", data.toString(), "--resume",
            dir.resolve("bad.ckpt").toString(), "--log", dir.resolve("log.jsonl").toString());
        assertEquals(2, corrupted.exitCode());
        assertEquals("train: " + dir.resolve("bad.ckpt") + ": not a vecnum checkpoint", corrupted.err().strip());
        assertFalse(Files.exists(dir.resolve("log.jsonl")));
    }

    @Test
    void shouldWriteOneJsonLinePerEpochWithTheContractKeys() throws IOException
    {
        final Path log = dir.resolve("log.jsonl");
        final CliRun run = CliRun.of("train", "--epochs", "3", "--batch", "16", "--optimizer", "adamw", "--lr", "1e-3",
            "--weight-decay", "0.1", "--log", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(4, run.out().lines().count(), run.out());
        assertTrue(run.out().startsWith("epoch 1/3  train 1777."), run.out());
        final List<String> lines = Files.readAllLines(log);
        assertEquals(3, lines.size());
        final ObjectMapper json = new ObjectMapper();
        for (int e = 0; e < 3; e++)
        {
            final JsonNode line = json.readTree(lines.get(e));
            assertEquals(List.of("epoch", "train_loss", "valid_loss", "seconds", "lr"),
                iterable(line.fieldNames()));
            assertEquals(e, line.get("epoch").asInt());
            assertTrue(line.get("seconds").asDouble() > 0);
            assertEquals(1e-3, line.get("lr").asDouble(), 1e-12);
        }
        // the lesson's adamw run: epoch 0 valid 35.00895851245111
        assertEquals(35.00895851245111, json.readTree(lines.get(0)).get("valid_loss").asDouble(), 0.35);
    }

    @Test
    void shouldAcceptAWarmupLongerThanTheRun() throws IOException
    {
        // the lesson's 10000-step warmup in a run of 2552 steps: the rate only warms up, the decay is never reached
        final Path log = dir.resolve("log.jsonl");
        final CliRun run = CliRun.of("train", "--quiet", "--epochs", "2", "--batch", "16", "--lr", "1e-4",
            "--schedule", "linear", "--warmup", "10000", "--total-steps", "2552", "--log", log.toString());
        assertEquals(0, run.exitCode(), run.err());
        final ObjectMapper json = new ObjectMapper();
        final List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size());
        final double first = json.readTree(lines.get(0)).get("lr").asDouble();
        final double second = json.readTree(lines.get(1)).get("lr").asDouble();
        // lr·t/warmup at the end of each epoch: twice the steps, twice the rate, still below the peak
        assertTrue(first > 0 && first < 1e-4 * 2552 / 10_000, "epoch 0 lr " + first);
        assertEquals(2 * first, second, 1e-15);
    }

    @Test
    void shouldResumeFromACheckpointWithTheSameLossesAsAnUninterruptedRun() throws IOException
    {
        final Path data = csv("day,tmax,tmin,rain,tmax_tomorrow\n" + rows(400));
        final String[] common = {"train", "--quiet", "--data", data.toString(), "--batch", "7", "--optimizer", "adam",
            "--lr", "1e-2", "--schedule", "cosine", "--warmup", "20", "--total-steps", "300"};
        final Path full = dir.resolve("full.jsonl");
        assertEquals(0, CliRun.of(concat(common, "--epochs", "5", "--log", full.toString())).exitCode());
        final Path ckpt = dir.resolve("run.ckpt");
        assertEquals(0, CliRun.of(concat(common, "--epochs", "2", "--checkpoint", ckpt.toString())).exitCode());
        final Path resumed = dir.resolve("resumed.jsonl");
        final CliRun run = CliRun.of(concat(common, "--epochs", "5", "--resume", ckpt.toString(), "--checkpoint",
            ckpt.toString(), "--log", resumed.toString()));
        assertEquals(0, run.exitCode(), run.err());
        final List<String> a = Files.readAllLines(full);
        final List<String> b = Files.readAllLines(resumed);
        assertEquals(5, b.size());
        final ObjectMapper json = new ObjectMapper();
        for (int e = 0; e < 5; e++)
        {
            final JsonNode x = json.readTree(a.get(e));
            final JsonNode y = json.readTree(b.get(e));
            for (final String key : List.of("epoch", "train_loss", "valid_loss", "lr"))
            {
                assertEquals(x.get(key).asDouble(), y.get(key).asDouble(), 0.0, key + " at epoch " + e);
            }
        }
    }

    @Test
    void shouldStopWithExitCode1AndNoLogWhenTrainingDiverges() throws IOException
    {
        final Path log = dir.resolve("log.jsonl");
        final CliRun run = CliRun.of("train", "--quiet", "--lr", "100", "--epochs", "3", "--log", log.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("train: training diverged at epoch 0"), run.err());
        assertFalse(Files.exists(log));
    }

    @Test
    void shouldDocumentEveryContractOptionInHelp()
    {
        final CliRun run = CliRun.of("train", "--help");
        assertEquals(0, run.exitCode());
        for (final String option : List.of("--data", "--features", "--target", "--hidden", "--init", "--seed",
            "--epochs", "--batch", "--optimizer", "--lr", "--momentum", "--nesterov", "--beta1", "--beta2", "--eps",
            "--weight-decay", "--schedule", "--warmup", "--total-steps", "--clip-norm", "--log", "--checkpoint",
            "--resume", "--quiet"))
        {
            assertTrue(run.out().contains(option), option);
        }
        assertEquals(0, CliRun.of("lesson", "--help").exitCode());
        assertEquals(0, CliRun.of("--help").exitCode());
        assertEquals(2, CliRun.of().exitCode());
    }

    private static String[] concat(final String[] head, final String... tail)
    {
        return Stream.concat(Stream.of(head), Stream.of(tail)).toArray(String[]::new);
    }

    private static List<String> iterable(final java.util.Iterator<String> names)
    {
        final List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
