package org.scgmvae.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.scgmvae.core.io.ModelFile;
import org.scgmvae.core.model.TrainedModel;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model sent to every executor once, as the bytes of its model file (Spark's broadcast), and read there once per JVM:
 * the tasks of one executor share the same network.
 */
final class BroadcastModel implements Serializable {

    private static final Map<Long, TrainedModel> LOADED = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> bytes;
    private final long id;

    BroadcastModel(JavaSparkContext sc, TrainedModel model) throws IOException {
        this.bytes = sc.broadcast(ModelFile.toBytes(model));
        this.id = bytes.id();
    }

    TrainedModel model() {
        return LOADED.computeIfAbsent(id, k -> {
            try {
                return ModelFile.fromBytes(bytes.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
