package dev.vecnum.core.kernel;

import java.lang.System.Logger.Level;

/**
 * Chooses the kernel implementations once, at class initialisation: the Vector API versions when the
 * {@code jdk.incubator.vector} module is in the boot layer and {@code -Dvecnum.vector=false} is not set, the scalar
 * references otherwise. A missing module logs one warning and falls back instead of failing.
 *
 * <p>The choice is held in {@code static final} fields so the JIT sees a constant receiver and inlines the kernel.
 */
public final class Kernels
{
    /** System property that forces the scalar kernels when set to {@code false}. */
    public static final String VECTOR_PROPERTY = "vecnum.vector";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final boolean VECTORIZED = detectVector();

    /** The active matmul kernels. */
    public static final GemmKernels GEMM = VECTORIZED ? newVector("VectorGemm") : ScalarGemm.INSTANCE;
    /** The active element-wise kernels. */
    public static final ElementwiseKernels ELEMENTWISE =
        VECTORIZED ? newVector("VectorElementwise") : ScalarElementwise.INSTANCE;
    /** The active optimizer kernels. */
    public static final OptimKernels OPTIM = VECTORIZED ? newVector("VectorOptim") : ScalarOptim.INSTANCE;
    /** The active loss kernels. */
    public static final LossKernels LOSS = VECTORIZED ? newVector("VectorLoss") : ScalarLoss.INSTANCE;

    private Kernels()
    {
    }

    /**
     * Whether the Vector API kernels are active.
     *
     * @return true when vectorized kernels were chosen
     */
    public static boolean vectorized()
    {
        return VECTORIZED;
    }

    /**
     * Vector API kernels regardless of {@code -Dvecnum.vector}, for tests and benchmarks that compare both.
     *
     * @return the vector matmul kernels
     * @throws IllegalStateException when the incubator module is absent
     */
    public static GemmKernels vectorGemm()
    {
        return newVectorOrThrow("VectorGemm");
    }

    /**
     * Vector API element-wise kernels regardless of {@code -Dvecnum.vector}.
     *
     * @return the vector element-wise kernels
     * @throws IllegalStateException when the incubator module is absent
     */
    public static ElementwiseKernels vectorElementwise()
    {
        return newVectorOrThrow("VectorElementwise");
    }

    /**
     * Vector API optimizer kernels regardless of {@code -Dvecnum.vector}.
     *
     * @return the vector optimizer kernels
     * @throws IllegalStateException when the incubator module is absent
     */
    public static OptimKernels vectorOptim()
    {
        return newVectorOrThrow("VectorOptim");
    }

    /**
     * Vector API loss kernels regardless of {@code -Dvecnum.vector}.
     *
     * @return the vector loss kernels
     * @throws IllegalStateException when the incubator module is absent
     */
    public static LossKernels vectorLoss()
    {
        return newVectorOrThrow("VectorLoss");
    }

    private static boolean modulepresent()
    {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static boolean detectVector()
    {
        if ("false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "true")))
        {
            return false;
        }
        if (!modulepresent())
        {
            System.getLogger(Kernels.class.getName()).log(Level.WARNING,
                "vecnum: module " + VECTOR_MODULE + " is not available; using scalar kernels. " +
                "Start the JVM with --add-modules=" + VECTOR_MODULE + " for the vectorized ones.");
            return false;
        }
        return true;
    }

    private static <T> T newVectorOrThrow(final String simpleName)
    {
        if (!modulepresent())
        {
            throw new IllegalStateException("module " + VECTOR_MODULE + " is not available: start the JVM with " +
                "--add-modules=" + VECTOR_MODULE);
        }
        return newVector(simpleName);
    }

    // reflective so that this class never links against jdk.incubator.vector when the module is absent
    @SuppressWarnings("unchecked")
    private static <T> T newVector(final String simpleName)
    {
        try
        {
            return (T) Class.forName(Kernels.class.getPackageName() + "." + simpleName)
                .getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException e)
        {
            throw new IllegalStateException("cannot create vector kernels " + simpleName, e);
        }
    }
}
