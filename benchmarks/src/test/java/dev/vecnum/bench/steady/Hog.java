package dev.vecnum.bench.steady;

/**
 * A CPU-hogging neighbour: {@code Hog <threads>} spins that many threads until it is killed, the way another busy
 * process on the same machine takes cores from the JIT compiler threads and the program being measured.
 */
public final class Hog
{
    private static volatile long sink;

    private Hog()
    {
    }

    /**
     * Spins forever.
     *
     * @param args number of spinning threads (default: one per available processor)
     */
    public static void main(final String[] args)
    {
        final int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        for (int t = 0; t < threads; t++)
        {
            final Thread spinner = new Thread(Hog::spin, "hog-" + t);
            spinner.start();
        }
    }

    private static void spin()
    {
        long x = 1;
        while (true)
        {
            x = x * 6364136223846793005L + 1442695040888963407L;
            if (x == 0)
            {
                sink = x;
            }
        }
    }

    /**
     * Starts a hog process with the given number of spinning threads, using this JVM's {@code java} and class path.
     *
     * @param java    the java executable
     * @param threads spinning threads
     * @return the process (destroy it when done)
     * @throws java.io.IOException when it cannot start
     */
    static Process start(final String java, final int threads) throws java.io.IOException
    {
        return new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), Hog.class.getName(),
            Integer.toString(threads)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    }
}
