package org.scgmvae.spark;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.io.DataFileException;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A worker's failure reaches the user as one line naming the file, not Spark's remote stack trace. */
class UserMessageTest {

    @Test
    void theFirstOfOurOwnExceptionsInTheChainIsNamed() {
        DataFileException file = new DataFileException(Path.of("/shared/a.h5ad"), "/X", "truncated HDF5 file");
        RuntimeException spark = new RuntimeException("Job aborted due to stage failure: Task 3 ...\n\tat org.apache.spark...\nDriver stacktrace:",
                new UncheckedIOException(file));
        assertEquals(file.getMessage(), ScGmvaeSpark.userMessage(spark));
        assertEquals("no such column 'x'", ScGmvaeSpark.userMessage(new RuntimeException("wrapped", new IllegalArgumentException("no such column 'x'"))));
        assertEquals("Job aborted: first line only", ScGmvaeSpark.userMessage(new IllegalStateException("Job aborted: first line only\n\tat x")));
    }
}
