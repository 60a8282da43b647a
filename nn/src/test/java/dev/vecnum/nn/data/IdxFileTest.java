package dev.vecnum.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnum.nn.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFileTest
{
    @TempDir
    Path dir;

    private static byte[] pixels(final int n)
    {
        final byte[] p = new byte[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = (byte) (i * 37);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void shouldRoundTripImagesAndLabelsPlainOrGzip(final boolean gzip) throws IOException
    {
        final Path images = dir.resolve("images");
        final byte[] bytes = pixels(3 * 5 * 7);
        IdxFile.writeImages(images, 3, 5, 7, bytes, gzip);
        final IdxFile.Images read = IdxFile.readImages(images);
        assertEquals(3, read.count());
        assertEquals(5, read.height());
        assertEquals(7, read.width());
        assertEquals(35, read.features());
        for (int i = 0; i < bytes.length; i++)
        {
            assertEquals((bytes[i] & 0xff) / 255f, read.pixels()[i], 0f, "pixel " + i);
        }
        final Path labels = dir.resolve("labels");
        IdxFile.writeLabels(labels, new int[] {0, 255, 7}, gzip);
        assertArrayEquals(new int[] {0, 255, 7}, IdxFile.readLabels(labels));
        assertEquals(gzip, (Files.readAllBytes(labels)[0] & 0xff) == 0x1f, "gzip magic");
    }

    @Test
    void shouldScaleToTheUnitInterval() throws IOException
    {
        final Path images = dir.resolve("images");
        IdxFile.writeImages(images, 1, 1, 3, new byte[] {0, (byte) 128, (byte) 255}, false);
        assertArrayEquals(new float[] {0f, 128f / 255f, 1f}, IdxFile.readImages(images).pixels());
    }

    @Test
    void shouldNameAMissingFile()
    {
        final Path missing = dir.resolve("nope");
        assertEquals(missing + ": no such file",
            assertThrows(BadInputException.class, () -> IdxFile.readImages(missing)).getMessage());
    }

    @Test
    void shouldRejectWrongMagicNumbersNamingTheKind() throws IOException
    {
        final Path labels = dir.resolve("labels");
        IdxFile.writeLabels(labels, new int[] {1, 2}, true);
        assertEquals(labels + ": not an IDX image file (magic number 0x00000801, expected 0x00000803)",
            assertThrows(BadInputException.class, () -> IdxFile.readImages(labels)).getMessage());
        final Path text = Files.writeString(dir.resolve("text"), "hello world, not IDX");
        assertEquals(text + ": not an IDX label file (magic number 0x68656C6C, expected 0x00000801)",
            assertThrows(BadInputException.class, () -> IdxFile.readLabels(text)).getMessage());
        final Path tiny = Files.write(dir.resolve("tiny"), new byte[] {0, 0});
        assertEquals(tiny + ": not an IDX label file (2 bytes)",
            assertThrows(BadInputException.class, () -> IdxFile.readLabels(tiny)).getMessage());
    }

    @Test
    void shouldRejectTruncatedAndExtendedFiles() throws IOException
    {
        final Path images = dir.resolve("images");
        IdxFile.writeImages(images, 4, 3, 3, pixels(36), false);
        final byte[] whole = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(whole, whole.length - 5));
        assertEquals(images + ": truncated: the header announces 4 images of 3x3 (36 bytes of data), the file has 31",
            assertThrows(BadInputException.class, () -> IdxFile.readImages(images)).getMessage());
        Files.write(images, Arrays.copyOf(whole, 10));
        assertEquals(images + ": truncated IDX header (10 bytes, expected 16)",
            assertThrows(BadInputException.class, () -> IdxFile.readImages(images)).getMessage());
        Files.write(images, Arrays.copyOf(whole, whole.length + 2));
        assertEquals(images + ": 2 unexpected bytes after the 4 images of 3x3 the header announces",
            assertThrows(BadInputException.class, () -> IdxFile.readImages(images)).getMessage());
        final Path labels = dir.resolve("labels");
        Files.write(labels, ByteBuffer.allocate(10).putInt(IdxFile.LABELS_MAGIC).putInt(5).array());
        assertEquals(labels + ": truncated: the header announces 5 labels (5 bytes of data), the file has 2",
            assertThrows(BadInputException.class, () -> IdxFile.readLabels(labels)).getMessage());
    }

    @Test
    void shouldRejectTruncatedAndCorruptedGzipAndZeroCounts() throws IOException
    {
        final Path labels = dir.resolve("labels.gz");
        IdxFile.writeLabels(labels, new int[200], true);
        final byte[] whole = Files.readAllBytes(labels);
        Files.write(labels, Arrays.copyOf(whole, whole.length - 12));
        final String truncated = assertThrows(BadInputException.class, () -> IdxFile.readLabels(labels)).getMessage();
        assertEquals(labels + ": truncated gzip data", truncated.substring(0, truncated.indexOf(" (")), truncated);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes))
        {
            gz.write(ByteBuffer.allocate(8).putInt(IdxFile.LABELS_MAGIC).putInt(0).array());
        }
        Files.write(labels, bytes.toByteArray());
        assertEquals(labels + ": label count is 0 (must be > 0)",
            assertThrows(BadInputException.class, () -> IdxFile.readLabels(labels)).getMessage());
        final byte[] corrupt = bytes.toByteArray();
        corrupt[12] ^= 0x55;
        Files.write(labels, corrupt);
        final String message = assertThrows(BadInputException.class, () -> IdxFile.readLabels(labels)).getMessage();
        assertEquals(labels + ": ", message.substring(0, labels.toString().length() + 2), message);
        assertEquals(1, message.lines().count(), message);
    }
}
