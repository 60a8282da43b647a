package dev.vecnum.nn.train;

/** Told after every batch, inside the timed training loop: keep it cheap (a progress bar, a counter). */
@FunctionalInterface
public interface BatchListener
{
    /** Does nothing. */
    BatchListener NONE = (done, total) ->
    {
    };

    /**
     * @param done  batches done in this epoch
     * @param total batches per epoch
     */
    void batchDone(int done, int total);
}
