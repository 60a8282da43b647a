package dev.vecnum.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the report: a measured kernel at one parameter point, in natural units, with its fraction of the in-run
 * machine limit and its speedup against each peer (peer time / our time, so &gt; 1 means vecnum is faster).
 */
public final class Row
{
    final String group;
    final String kernel;
    final String variant;
    final String point;
    final double x;
    final double value;
    final String unit;
    final double value2;
    final String unit2;
    final double ofLimit;
    final String limitName;
    final Map<String, Double> peers;
    final double allocBytesPerOp;
    final String key;

    Row(
        final String group, final String kernel, final String variant, final String point, final double x,
        final double value, final String unit, final double value2, final String unit2,
        final double ofLimit, final String limitName, final Map<String, Double> peers, final double allocBytesPerOp,
        final String key)
    {
        this.group = group;
        this.kernel = kernel;
        this.variant = variant;
        this.point = point;
        this.x = x;
        this.value = value;
        this.unit = unit;
        this.value2 = value2;
        this.unit2 = unit2;
        this.ofLimit = ofLimit;
        this.limitName = limitName;
        this.peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        this.allocBytesPerOp = allocBytesPerOp;
        this.key = key;
    }

    /** @return report section, e.g. {@code GEMM} */
    public String group()
    {
        return group;
    }

    /** @return kernel name, e.g. {@code matmul} */
    public String kernel()
    {
        return kernel;
    }

    /** @return implementation, e.g. {@code vecnum 1t}, {@code scalar}, {@code EJML} */
    public String variant()
    {
        return variant;
    }

    /** @return the parameter point, e.g. {@code n=256} */
    public String point()
    {
        return point;
    }

    /** @return the main value in {@link #unit()} */
    public double value()
    {
        return value;
    }

    /** @return the main value's unit */
    public String unit()
    {
        return unit;
    }

    /** @return fraction of the in-run limit named by {@link #limitName()}, NaN when none applies */
    public double ofLimit()
    {
        return ofLimit;
    }

    /** @return which limit {@link #ofLimit()} refers to */
    public String limitName()
    {
        return limitName;
    }

    /** @return speedup vs each peer present in the run (peer name → peer time / our time) */
    public Map<String, Double> peers()
    {
        return peers;
    }

    /** @return gate metric prefix, or null for rows that are not vecnum kernels */
    public String key()
    {
        return key;
    }
}
