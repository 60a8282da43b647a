package dev.vecnum.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the OpenBLAS peer runs on, asked of the loaded library itself: {@code openblas_get_corename()} (the kernel set
 * its CPU detection picked, or the one {@code OPENBLAS_CORETYPE} forced), {@code openblas_get_config()}, and whether
 * this process carries the variables that pin it ({@code OPENBLAS_CORETYPE}, {@code OPENBLAS_L2_SIZE}).
 *
 * <p>org.bytedeco does not bind those two functions, so they are called through the JDK's foreign-function API by
 * reflection: {@code java.lang.foreign} on JDK 22+, {@code jdk.incubator.foreign} on JDK 17 (added by the fork's
 * launcher, {@code benchmarks/peers/openblas-peer-java}). On other JDKs the names read {@code unknown (…)}; the
 * measurement itself does not depend on them.
 *
 * <p>{@link #record} writes them to {@code openblas-peer.properties} (directory: {@code -Dvecnum.openblas.info.dir},
 * default {@code target}, relative to the fork's working directory, which is {@code benchmarks/} under the jmh plugin),
 * where the report tool reads them.
 */
final class OpenBlasInfo
{
    /** Environment variables that pin OpenBLAS's kernel choice or cache model. */
    static final List<String> PIN_VARIABLES = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");
    /** File name of the record. */
    static final String FILE = "openblas-peer.properties";

    private OpenBlasInfo()
    {
    }

    /** @return "NAME=value" for each pinning variable set in this process, empty when OpenBLAS detects on its own */
    static List<String> pins()
    {
        final List<String> set = new ArrayList<>();
        for (final String v : PIN_VARIABLES)
        {
            final String value = System.getenv(v);
            if (value != null)
            {
                set.add(v + "=" + value);
            }
        }
        return set;
    }

    /**
     * Calls a {@code const char *f(void)} exported by a library this class loader loaded (OpenBLAS, after
     * {@code Loader.load}).
     *
     * @param symbol function name
     * @return its string, or {@code unknown (reason)}
     */
    static String callString(final String symbol)
    {
        try
        {
            return Runtime.version().feature() >= 22 ? callFinal(symbol) : callIncubator(symbol);
        }
        catch (final Throwable e)
        {
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "unknown (" + symbol + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
    }

    /** java.lang.foreign (JDK 22+). */
    private static String callFinal(final String symbol) throws Throwable
    {
        final Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
        final Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
        final Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");
        final Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
        final Class<?> descriptorC = Class.forName("java.lang.foreign.FunctionDescriptor");
        final Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
        final Object linker = linkerC.getMethod("nativeLinker").invoke(null);
        final Object lookup = lookupC.getMethod("loaderLookup").invoke(null);
        final Object address = ((Optional<?>) lookupC.getMethod("find", String.class).invoke(lookup, symbol))
            .orElseThrow(() -> new IllegalStateException("symbol not found"));
        final Object pointer = Class.forName("java.lang.foreign.ValueLayout").getField("ADDRESS").get(null);
        final Object descriptor = descriptorC.getMethod("of", layoutC, layoutC.arrayType())
            .invoke(null, pointer, Array.newInstance(layoutC, 0));
        final MethodHandle h = (MethodHandle) linkerC.getMethod("downcallHandle", segmentC, descriptorC,
            optionC.arrayType()).invoke(linker, address, descriptor, Array.newInstance(optionC, 0));
        final Object result = h.invoke();
        final Object sized = segmentC.getMethod("reinterpret", long.class).invoke(result, 4096L);
        return (String) segmentC.getMethod("getString", long.class).invoke(sized, 0L);
    }

    /** jdk.incubator.foreign (JDK 17). */
    private static String callIncubator(final String symbol) throws Throwable
    {
        final Class<?> linkerC = Class.forName("jdk.incubator.foreign.CLinker");
        final Class<?> lookupC = Class.forName("jdk.incubator.foreign.SymbolLookup");
        final Class<?> addressC = Class.forName("jdk.incubator.foreign.MemoryAddress");
        final Class<?> addressableC = Class.forName("jdk.incubator.foreign.Addressable");
        final Class<?> layoutC = Class.forName("jdk.incubator.foreign.MemoryLayout");
        final Class<?> descriptorC = Class.forName("jdk.incubator.foreign.FunctionDescriptor");
        final Object linker = linkerC.getMethod("getInstance").invoke(null);
        final Object lookup = lookupC.getMethod("loaderLookup").invoke(null);
        final Object address = ((Optional<?>) lookupC.getMethod("lookup", String.class).invoke(lookup, symbol))
            .orElseThrow(() -> new IllegalStateException("symbol not found"));
        final Object pointer = linkerC.getField("C_POINTER").get(null);
        final Object descriptor = descriptorC.getMethod("of", layoutC, layoutC.arrayType())
            .invoke(null, pointer, Array.newInstance(layoutC, 0));
        final MethodHandle h = (MethodHandle) linkerC.getMethod("downcallHandle", addressableC, MethodType.class,
            descriptorC).invoke(linker, address, MethodType.methodType(addressC), descriptor);
        final Object result = h.invoke();
        return (String) linkerC.getMethod("toJavaString", addressC).invoke(null, result);
    }

    /**
     * Prints one line about the peer and writes the record (atomically) for the report.
     *
     * @param what the benchmark's parameters, for the line
     */
    static void record(final String what)
    {
        final List<String> pins = pins();
        final String corename = callString("openblas_get_corename");
        final String config = callString("openblas_get_config");
        System.out.println("OpenBlasPeerBenchmark " + what + ": corename " + corename + ", config '" + config + "', " +
            (pins.isEmpty() ? "own CPU detection (no OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE)" :
                "PINNED by " + String.join(" ", pins)));
        final String text = "# written by OpenBlasPeerBenchmark's fork; read by the report tool\n" +
            "corename=" + escape(corename) + "\n" +
            "config=" + escape(config) + "\n" +
            "pinned=" + escape(String.join(" ", pins)) + "\n" +
            "java=" + escape(System.getProperty("java.vm.version")) + "\n";
        try
        {
            final Path dir = Path.of(System.getProperty("vecnum.openblas.info.dir", "target"));
            Files.createDirectories(dir);
            final Path tmp = Files.createTempFile(dir, FILE, ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException | RuntimeException e)
        {
            System.out.println("OpenBlasPeerBenchmark: could not write " + FILE + " (" + e + "); the report will " +
                "not name the OpenBLAS core");
        }
    }

    private static String escape(final String s)
    {
        return s.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
