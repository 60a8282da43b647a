package dev.vecnum.core.optim;

import java.util.Arrays;
import java.util.List;

/**
 * A parameter group for an optimizer builder: a set of arena views, by name, with optional overrides of the
 * optimizer's learning rate and weight decay. Views not named by any group form the optimizer's default group.
 *
 * <pre>{@code
 * AdamW opt = AdamW.builder(arena).lr(1e-3).weightDecay(0.01)
 *     .group(ParamGroup.of("b1", "b2").named("biases").weightDecay(0))   // no decay on biases
 *     .build();
 * }</pre>
 *
 * <p>Immutable: the fluent methods return modified copies.
 */
public final class ParamGroup
{
    private final String name;
    private final List<String> viewNames;
    private final double lr;
    private final double weightDecay;

    private ParamGroup(final String name, final List<String> viewNames, final double lr, final double weightDecay)
    {
        this.name = name;
        this.viewNames = viewNames;
        this.lr = lr;
        this.weightDecay = weightDecay;
    }

    /**
     * A group of the named views that inherits every hyperparameter from the optimizer.
     *
     * @param viewNames one or more view names
     * @return the group
     */
    public static ParamGroup of(final String... viewNames)
    {
        if (viewNames == null || viewNames.length == 0)
        {
            throw new IllegalArgumentException("viewNames must name at least one view");
        }
        for (final String v : viewNames)
        {
            if (v == null)
            {
                throw new IllegalArgumentException("viewNames must not contain null");
            }
        }
        return new ParamGroup(String.join(",", viewNames), List.copyOf(Arrays.asList(viewNames)), Double.NaN,
            Double.NaN);
    }

    /**
     * A group of the given views.
     *
     * @param views one or more views of the optimizer's arena
     * @return the group
     */
    public static ParamGroup of(final List<ParameterView> views)
    {
        if (views == null || views.isEmpty())
        {
            throw new IllegalArgumentException("views must hold at least one view");
        }
        return of(views.stream().map(ParameterView::name).toArray(String[]::new));
    }

    /**
     * @param groupName a name for logs and error messages
     * @return a copy with that name
     */
    public ParamGroup named(final String groupName)
    {
        if (groupName == null || groupName.isEmpty())
        {
            throw new IllegalArgumentException("groupName must be non-empty");
        }
        return new ParamGroup(groupName, viewNames, lr, weightDecay);
    }

    /**
     * @param groupLr base learning rate of this group, finite and ≥ 0 (the schedule scales it)
     * @return a copy with that learning rate
     */
    public ParamGroup lr(final double groupLr)
    {
        Hyper.nonNegative("ParamGroup", "lr", groupLr);
        return new ParamGroup(name, viewNames, groupLr, weightDecay);
    }

    /**
     * @param groupWeightDecay decoupled weight decay of this group, finite and ≥ 0 (AdamW only)
     * @return a copy with that weight decay
     */
    public ParamGroup weightDecay(final double groupWeightDecay)
    {
        Hyper.nonNegative("ParamGroup", "weightDecay", groupWeightDecay);
        return new ParamGroup(name, viewNames, lr, groupWeightDecay);
    }

    /**
     * @return the group name (the joined view names unless set)
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the view names, unmodifiable
     */
    public List<String> viewNames()
    {
        return viewNames;
    }

    /**
     * @return the learning-rate override, NaN when inherited
     */
    public double lrOverride()
    {
        return lr;
    }

    /**
     * @return the weight-decay override, NaN when inherited
     */
    public double weightDecayOverride()
    {
        return weightDecay;
    }

    @Override
    public String toString()
    {
        return "ParamGroup[" + name + " " + viewNames + (Double.isNaN(lr) ? "" : " lr=" + lr) +
            (Double.isNaN(weightDecay) ? "" : " weightDecay=" + weightDecay) + "]";
    }
}
