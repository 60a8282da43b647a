package dev.vecnum.examples.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One {@code classify} epoch's record, also its JSON-lines log line.
 *
 * @param epoch          0-based epoch
 * @param trainLoss      mean of the epoch's batch losses (softmax cross-entropy)
 * @param testLoss       mean loss on the test set after the epoch
 * @param testAccuracy   fraction of test images classified correctly after the epoch
 * @param seconds        wall time of the epoch: gathering the shuffled batches, the training steps and the test
 *                       evaluation
 * @param samplesPerSecond training images per second of the training loop (gathering and steps, not the evaluation)
 */
public record ClassifyEpoch(int epoch, double trainLoss, double testLoss, double testAccuracy, double seconds,
                            double samplesPerSecond)
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @return the record as one JSON object with the keys {@code epoch, train_loss, test_loss, test_accuracy, seconds,
     *     samples_per_s}
     */
    public String json()
    {
        final ObjectNode node = JSON.createObjectNode();
        node.put("epoch", epoch);
        node.put("train_loss", trainLoss);
        node.put("test_loss", testLoss);
        node.put("test_accuracy", testAccuracy);
        node.put("seconds", seconds);
        node.put("samples_per_s", samplesPerSecond);
        return node.toString();
    }
}
