package org.scgmvae.core.io.hdf5;

import java.io.IOException;

/** The data of a dataset handed over in pieces while the file is written (see {@link Hdf5Writer.Group#dataset(String, Object, long[], ChunkSource)}). */
@FunctionalInterface
public interface ChunkSource {

    /** The next piece, an array of the dataset's element type in row-major order; null after the last one. */
    Object next() throws IOException;
}
