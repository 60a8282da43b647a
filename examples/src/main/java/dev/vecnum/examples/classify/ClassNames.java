package dev.vecnum.examples.classify;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/** Display names of the classes: Fashion-MNIST's when the data is Fashion-MNIST, otherwise the class numbers. */
public final class ClassNames
{
    /** Fashion-MNIST's ten classes, in label order. */
    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private ClassNames()
    {
    }

    /**
     * Fashion-MNIST's names when the data directory's path names Fashion-MNIST (contains "fashion", as Debian's
     * {@code /usr/share/datasets/fashion-mnist} does) and there are ten classes of 28×28 images; otherwise "0", "1", ….
     *
     * @param dir     the data directory
     * @param classes number of classes
     * @param height  image rows
     * @param width   image columns
     * @return one name per class
     */
    public static List<String> of(final Path dir, final int classes, final int height, final int width)
    {
        final boolean fashion = dir.toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT)
            .contains("fashion") && classes == FASHION_MNIST.size() && height == 28 && width == 28;
        return fashion ? FASHION_MNIST : IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }
}
