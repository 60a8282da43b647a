package dev.vecnum.nn;

/**
 * Bad user input: a data file, checkpoint or option that cannot be used. The message is one line meant for the user
 * (naming the file and the line or column where there is one); the CLI prints it without a stack trace and exits
 * with code 2.
 */
public final class BadInputException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what is wrong and where
     */
    public BadInputException(final String message)
    {
        super(message);
    }

    /**
     * @param message one line naming what is wrong and where
     * @param cause   the underlying failure, kept for debugging (never printed by the CLI)
     */
    public BadInputException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
