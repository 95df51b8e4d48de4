package org.scgmvae.core.train;

import java.util.Map;

/**
 * Loss terms of one epoch (means per cell) on training and validation cells.
 *
 * @param train              term name -> mean over training cells (names: {@code GmvaeNetwork.TERMS})
 * @param validation         the same on validation cells (empty without validation)
 * @param validationAccuracy accuracy on labelled validation cells (NaN when not available)
 * @param learningRate       learning rate used in the epoch
 * @param klWeight           KL warm-up weight at the end of the epoch
 * @param seconds            wall time of the epoch
 */
public record EpochReport(int epoch, Map<String, Double> train, Map<String, Double> validation,
                          double validationAccuracy, double learningRate, double klWeight, double seconds) {

    public double trainLoss() {
        return train.getOrDefault("loss", Double.NaN);
    }

    public double validationLoss() {
        return validation.getOrDefault("loss", Double.NaN);
    }
}
