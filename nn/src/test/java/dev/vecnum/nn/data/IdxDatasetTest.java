package dev.vecnum.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vecnum.nn.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest
{
    @TempDir
    Path dir;

    private void write(final String name, final int count, final int height, final int width, final int[] labels,
        final boolean gzip) throws IOException
    {
        IdxFile.writeImages(dir.resolve(name.replace("labels-idx1", "images-idx3") + (gzip ? ".gz" : "")), count,
            height, width, new byte[count * height * width], gzip);
        IdxFile.writeLabels(dir.resolve(name + (gzip ? ".gz" : "")), labels, gzip);
    }

    private void good() throws IOException
    {
        write(IdxDataset.TRAIN_LABELS, 4, 3, 2, new int[] {0, 2, 1, 2}, true);
        write(IdxDataset.TEST_LABELS, 2, 3, 2, new int[] {1, 0}, false);
    }

    private String error(final int classes)
    {
        return assertThrows(BadInputException.class, () -> IdxDataset.load(dir, classes)).getMessage();
    }

    @Test
    void shouldLoadGzipAndPlainFilesAndCountClassesFromTheTrainingLabels() throws IOException
    {
        good();
        final IdxDataset data = IdxDataset.load(dir, 0);
        assertEquals(3, data.classes());
        assertEquals(3, data.height());
        assertEquals(2, data.width());
        assertEquals(6, data.features());
        assertEquals(4, data.train().rows());
        assertEquals(2, data.test().rows());
        assertArrayEquals(new int[] {1, 0}, data.test().labels());
        assertEquals(7, IdxDataset.load(dir, 7).classes());
    }

    @Test
    void shouldNameMissingDirectoriesAndFiles() throws IOException
    {
        final Path missing = dir.resolve("nope");
        assertEquals(missing + ": no such directory",
            assertThrows(BadInputException.class, () -> IdxDataset.load(missing, 0)).getMessage());
        good();
        Files.delete(dir.resolve(IdxDataset.TEST_LABELS));
        assertEquals(dir.resolve(IdxDataset.TEST_LABELS) + "[.gz]: no such file", error(0));
    }

    @Test
    void shouldRejectCountsThatDifferAndImageSizesThatDiffer() throws IOException
    {
        good();
        IdxFile.writeLabels(dir.resolve(IdxDataset.TRAIN_LABELS + ".gz"), new int[] {0, 1, 2}, true);
        assertEquals(dir.resolve(IdxDataset.TRAIN_LABELS + ".gz") + ": 3 labels, but train-images-idx3-ubyte.gz has " +
            "4 images", error(0));
        good();
        IdxFile.writeImages(dir.resolve(IdxDataset.TEST_IMAGES), 2, 2, 3, new byte[12], false);
        assertEquals(dir.resolve(IdxDataset.TEST_IMAGES) + ": images are 2x3, the training images " +
            "(train-images-idx3-ubyte.gz) are 3x2", error(0));
    }

    @Test
    void shouldRejectLabelsOutsideTheClasses() throws IOException
    {
        good();
        IdxFile.writeLabels(dir.resolve(IdxDataset.TEST_LABELS), new int[] {1, 3}, false);
        assertEquals(dir.resolve(IdxDataset.TEST_LABELS) + ": label 3 at item 1 is outside the 3 classes the " +
            "training labels reach (0..2)", error(0));
        good();
        assertEquals(dir.resolve(IdxDataset.TRAIN_LABELS + ".gz") + ": label 2 at item 1 is not below --classes 2",
            error(2));
        IdxFile.writeLabels(dir.resolve(IdxDataset.TRAIN_LABELS + ".gz"), new int[] {0, 0, 1, 0}, true);
        IdxFile.writeLabels(dir.resolve(IdxDataset.TEST_LABELS), new int[] {1, 2}, false);
        assertEquals(dir.resolve(IdxDataset.TEST_LABELS) + ": label 2 at item 1 is not below --classes 2", error(2));
    }
}
