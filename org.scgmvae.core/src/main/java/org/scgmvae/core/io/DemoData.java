package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;

import org.scgmvae.core.data.AnnData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real cells embedded in the library for the demo and for tests: every cell of scGen's Kang 2018 validation split
 * (1,975 PBMCs, 7 types, control and IFN-beta stimulated, log-normalised as scGen published it) with its 3,000 most
 * variable genes. Recipe: {@code benchmarks/realdata/make_demo_fixture.py}; provenance of the source file in
 * {@code ../shared/data/README.md}.
 */
public final class DemoData {

    public static final String RESOURCE = "/org/scgmvae/core/demo/kang_demo.h5ad";
    public static final String DESCRIPTION = "Kang 2018 PBMCs, scGen's validation split (log-normalised), 3,000 most variable genes";

    private DemoData() {
    }

    /** Reads the embedded file (through a temporary copy: HDF5 needs random access). */
    public static AnnData kang() {
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo data " + RESOURCE + " is missing from the library jar");
            }
            Path tmp = Files.createTempFile("scgmvae-demo", ".h5ad");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                return new H5adReader().read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo data " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
