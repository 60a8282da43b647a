package dev.vecnum.examples.cli;

import dev.vecnum.examples.train.DivergedException;
import dev.vecnum.nn.BadInputException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The examples' command line: {@code train}, {@code lesson} and {@code classify}. Exit codes: 0 success, 2 bad input (one line on
 * stderr naming the file and line where there is one, no stack trace), 1 any other failure.
 */
@Command(name = "vecnum-examples", mixinStandardHelpOptions = true, version = "vecnum examples 0.1.0",
    description = "Train MLPs with vecnum's Vector API kernels: the optimizer lesson, regression, image classification.",
    subcommands = {TrainCommand.class, LessonCommand.class, ClassifyCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable
{
    /** Exit code for bad input: unusable files, options or hyperparameters. */
    public static final int BAD_INPUT = 2;
    /** Exit code for any other failure. */
    public static final int FAILURE = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(final String[] args)
    {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command line with the given streams (for embedding and tests).
     *
     * @param out  standard output
     * @param err  standard error
     * @param args command-line arguments
     * @return the exit code
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, unused) ->
        {
            err.println(e.getCommandLine().getCommandName() + ": " + e.getMessage() + " (see --help)");
            err.flush();
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, command, unused) ->
        {
            final boolean bad = e instanceof BadInputException;
            final boolean known = bad || e instanceof DivergedException;
            err.println(command.getCommandName() + ": " + (known ? e.getMessage() : "failed: " + e));
            if (!known && Boolean.getBoolean("vecnum.debug"))
            {
                e.printStackTrace(err);
            }
            err.flush();
            return bad ? BAD_INPUT : FAILURE;
        });
        return cli.execute(args);
    }

    /** Without a subcommand: print usage and fail. */
    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train, lesson or classify");
    }
}
