package dev.vecnum.examples.monitor;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Singular values of a weight matrix (EJML's SVD, in double precision): the lesson's monitoring of how a layer's
 * weights evolve. Stateless and thread-safe.
 */
public final class SingularValues
{
    private SingularValues()
    {
    }

    /**
     * Singular values of the rows×cols row-major matrix at {@code w[off..]}, largest first.
     *
     * @param w    array holding the matrix
     * @param off  offset of the first element
     * @param rows rows
     * @param cols columns
     * @return min(rows, cols) singular values, descending
     * @throws IllegalStateException if the decomposition fails (non-finite weights)
     */
    public static double[] of(final float[] w, final int off, final int rows, final int cols)
    {
        final DMatrixRMaj matrix = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++)
        {
            matrix.data[i] = w[off + i];
        }
        final SingularValueDecomposition_F64<DMatrixRMaj> svd =
            DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(matrix))
        {
            throw new IllegalStateException("SVD failed for a " + rows + "x" + cols + " matrix");
        }
        final double[] values = Arrays.copyOf(svd.getSingularValues(), svd.numberOfSingularValues());
        Arrays.sort(values);
        for (int i = 0, j = values.length - 1; i < j; i++, j--)
        {
            final double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
