package dev.vecnum.examples.cli;

import dev.vecnum.nn.data.IdxDataset;
import dev.vecnum.nn.data.IdxFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A small learnable IDX data set the tests write themselves: 6×5 images of 3 classes, class c drawn as a bright
 * 2-pixel-wide vertical bar at columns 2c–2c+1 (clipped) over dim noise; train 150 images, test 45, labels cycling
 * 0, 1, 2.
 */
final class IdxFixture
{
    static final int HEIGHT = 6;
    static final int WIDTH = 5;
    static final int CLASSES = 3;
    static final int TRAIN = 150;
    static final int TEST = 45;

    private IdxFixture()
    {
    }

    /**
     * Writes the four files (training files gzip-compressed, test files plain).
     *
     * @param dir an existing directory
     * @return dir
     * @throws IOException if a file cannot be written
     */
    static Path write(final Path dir) throws IOException
    {
        split(dir, IdxDataset.TRAIN_IMAGES + ".gz", IdxDataset.TRAIN_LABELS + ".gz", TRAIN, 1, true);
        split(dir, IdxDataset.TEST_IMAGES, IdxDataset.TEST_LABELS, TEST, 2, false);
        return dir;
    }

    static int[] labels(final int count)
    {
        final int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % CLASSES;
        }
        return labels;
    }

    static byte[] images(final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] pixels = new byte[count * HEIGHT * WIDTH];
        for (int i = 0; i < count; i++)
        {
            final int label = i % CLASSES;
            for (int r = 0; r < HEIGHT; r++)
            {
                for (int c = 0; c < WIDTH; c++)
                {
                    final boolean bar = c / 2 == label;
                    pixels[(i * HEIGHT + r) * WIDTH + c] = (byte) ((bar ? 150 : 0) + random.nextInt(90));
                }
            }
        }
        return pixels;
    }

    private static void split(final Path dir, final String images, final String labels, final int count,
        final long seed, final boolean gzip) throws IOException
    {
        IdxFile.writeImages(dir.resolve(images), count, HEIGHT, WIDTH, images(count, seed), gzip);
        IdxFile.writeLabels(dir.resolve(labels), labels(count), gzip);
    }
}
