package dev.vecnum.nn.data;

import dev.vecnum.nn.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MNIST-style image classification data set in one directory: the four IDX files
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
 * {@code t10k-labels-idx1-ubyte}, each with or without a {@code .gz} suffix (Debian's {@code dataset-fashion-mnist}
 * puts them in {@code /usr/share/datasets/fashion-mnist}). Any image size, any number of classes; pixels scaled to
 * [0, 1].
 *
 * @param dir     the directory
 * @param train   training images (rows = images, features = height·width) and labels
 * @param test    test images and labels
 * @param height  image rows
 * @param width   image columns
 * @param classes number of classes; every label is in [0, classes)
 */
public record IdxDataset(Path dir, LabeledData train, LabeledData test, int height, int width, int classes)
{
    /** Training images, without the optional {@code .gz}. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** Training labels. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** Test images. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Test labels. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /**
     * Loads and cross-checks the four files.
     *
     * @param dir     the directory
     * @param classes number of classes, or 0 for the largest training label + 1
     * @return the data set
     * @throws BadInputException naming the file and the defect: a missing directory or file, a file that is not IDX
     *                           of the right kind, truncated or with trailing bytes, image and label counts that
     *                           differ, train and test image sizes that differ, a label outside the classes
     */
    public static IdxDataset load(final Path dir, final int classes)
    {
        if (classes < 0)
        {
            throw new IllegalArgumentException("classes must be >= 0, got " + classes);
        }
        if (!Files.isDirectory(dir))
        {
            throw new BadInputException(dir + ": no such directory");
        }
        final Path trainImagesFile = resolve(dir, TRAIN_IMAGES);
        final Path trainLabelsFile = resolve(dir, TRAIN_LABELS);
        final Path testImagesFile = resolve(dir, TEST_IMAGES);
        final Path testLabelsFile = resolve(dir, TEST_LABELS);
        final IdxFile.Images trainImages = IdxFile.readImages(trainImagesFile);
        final int[] trainLabels = IdxFile.readLabels(trainLabelsFile);
        checkCounts(trainImages, trainLabelsFile, trainLabels);
        final IdxFile.Images testImages = IdxFile.readImages(testImagesFile);
        if (testImages.height() != trainImages.height() || testImages.width() != trainImages.width())
        {
            throw new BadInputException(testImagesFile + ": images are " + testImages.height() + "x" +
                testImages.width() + ", the training images (" + trainImagesFile.getFileName() + ") are " +
                trainImages.height() + "x" + trainImages.width());
        }
        final int[] testLabels = IdxFile.readLabels(testLabelsFile);
        checkCounts(testImages, testLabelsFile, testLabels);
        final LabeledData train = new LabeledData(trainImages.pixels(), trainLabels, trainLabels.length,
            trainImages.features());
        final LabeledData test = new LabeledData(testImages.pixels(), testLabels, testLabels.length,
            testImages.features());
        final int n = classes > 0 ? classes : train.maxLabel() + 1;
        checkLabels(trainLabelsFile, train, n, classes > 0);
        checkLabels(testLabelsFile, test, n, classes > 0);
        return new IdxDataset(dir, train, test, trainImages.height(), trainImages.width(), n);
    }

    /**
     * The file {@code name.gz} if it exists, else {@code name}.
     *
     * @param dir  the directory
     * @param name the file name without {@code .gz}
     * @return the path to read
     * @throws BadInputException if neither exists
     */
    public static Path resolve(final Path dir, final String name)
    {
        final Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz))
        {
            return gz;
        }
        final Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain))
        {
            return plain;
        }
        throw new BadInputException(plain + "[.gz]: no such file");
    }

    private static void checkCounts(final IdxFile.Images images, final Path labelsFile, final int[] labels)
    {
        if (images.count() != labels.length)
        {
            throw new BadInputException(labelsFile + ": " + labels.length + " labels, but " +
                images.file().getFileName() + " has " + images.count() + " images");
        }
    }

    private static void checkLabels(final Path file, final LabeledData data, final int classes, final boolean given)
    {
        final int bad = data.firstLabelOutside(classes);
        if (bad >= 0)
        {
            throw new BadInputException(file + ": label " + data.labels()[bad] + " at item " + bad + (given ?
                " is not below --classes " + classes : " is outside the " + classes +
                " classes the training labels reach (0.." + (classes - 1) + ")"));
        }
    }

    /**
     * @return the per-pixel inputs of one image, height·width
     */
    public int features()
    {
        return height * width;
    }
}
