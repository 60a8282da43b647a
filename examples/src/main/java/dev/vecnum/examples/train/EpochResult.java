package dev.vecnum.examples.train;

/**
 * One epoch's log record.
 *
 * @param epoch     0-based epoch
 * @param trainLoss mean of the epoch's batch MSEs
 * @param validLoss MSE on the valid split after the epoch
 * @param seconds   wall time of the epoch's training loop alone (not the validation)
 * @param lr        learning rate of the epoch's last step
 */
public record EpochResult(int epoch, double trainLoss, double validLoss, double seconds, double lr)
{
}
