package org.scgmvae.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A model sent to every executor once, as the bytes of its model file (Spark's broadcast), and read there once per JVM:
 * the tasks of one executor share the same network.
 */
public final class BroadcastModel implements Serializable {

    /** The models read on this executor, by job (broadcast ids start again with every SparkContext, so a UUID); the latest few. */
    private static final Map<String, TrainedModel> LOADED = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TrainedModel> eldest) {
            return size() > 4;
        }
    });

    private final Broadcast<byte[]> bytes;
    private final String id = java.util.UUID.randomUUID().toString();

    BroadcastModel(JavaSparkContext sc, TrainedModel model) throws IOException {
        this.bytes = sc.broadcast(ModelFile.toBytes(model));
    }

    public TrainedModel model() {
        // an executor's tasks are its parallelism: each applies the model on its own thread, not on a pool of its own
        org.scgmvae.core.nn.ComputeSettings.setInferenceThreadsOnThisThread(1);
        return LOADED.computeIfAbsent(id, k -> {
            try {
                return ModelFile.fromBytes(bytes.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Frees the broadcast bytes once every task that reads the model has run (each executor keeps its few latest models read). */
    void destroy() {
        bytes.destroy();
    }
}
