package dev.vecnum.examples.cli;

import dev.vecnum.nn.BadInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Option validation shared by the commands: each failure is a one-line {@link BadInputException} naming the option. */
final class OptionChecks
{
    private OptionChecks()
    {
    }

    /**
     * @param option the option's name, e.g. {@code --batch}
     * @param value  its value
     * @throws BadInputException unless value &gt; 0
     */
    static void positive(final String option, final int value)
    {
        if (value <= 0)
        {
            throw new BadInputException(option + " must be > 0, got " + value);
        }
    }

    /**
     * The enum constant whose name matches {@code value}, ignoring case.
     *
     * @param option  the option's name
     * @param value   its value
     * @param choices the constants
     * @param <E>     the enum
     * @return the matching constant
     * @throws BadInputException listing the choices if none matches
     */
    static <E extends Enum<E>> E choose(final String option, final String value, final E[] choices)
    {
        for (final E choice : choices)
        {
            if (choice.name().equalsIgnoreCase(value))
            {
                return choice;
            }
        }
        throw new BadInputException(option + ": unknown value '" + value + "' (expected " +
            Arrays.stream(choices).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) +
            ")");
    }
}
