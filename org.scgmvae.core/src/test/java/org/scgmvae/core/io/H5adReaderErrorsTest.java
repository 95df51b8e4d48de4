package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad .h5ad input: every message names the file, the object inside it and the problem. */
class H5adReaderErrorsTest {

    @TempDir
    Path tmp;

    static void assertMessage(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message lacks '" + p + "': " + e.getMessage());
        }
    }

    static Path fixture(String name) throws IOException, InterruptedException {
        Assumptions.assumeTrue(H5adFixtures.available(), "python3 with anndata/h5py not available");
        return H5adFixtures.file(name);
    }

    @Test
    void notAnHdf5File() throws IOException {
        Path f = Files.writeString(tmp.resolve("matrix.h5ad"), "cell,g1\nc1,1\n");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "not an HDF5 file");
        Path tiny = Files.write(tmp.resolve("tiny.h5ad"), new byte[] {(byte) 0x89, 'H', 'D'});
        assertMessage(assertThrows(DataFileException.class, () -> new H5adReader().read(tiny)), tiny.toString(), "not an HDF5 file");
    }

    @Test
    void missingFile() {
        Path f = tmp.resolve("nope.h5ad");
        assertMessage(assertThrows(DataFileException.class, () -> new H5adReader().read(f)), f.toString(), "file not found");
    }

    @Test
    void truncatedFile() throws Exception {
        byte[] bytes = Files.readAllBytes(fixture("dense.h5ad"));
        Path cut = Files.write(tmp.resolve("cut.h5ad"), Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> new H5adReader().read(cut));
        assertTrue(e instanceof DataFileException, "expected a DataFileException but got " + e);
        assertMessage(e, cut.toString(), "truncated HDF5 file", "records " + bytes.length + " bytes but only "
                + (bytes.length / 2) + " are present");
    }

    @Test
    void truncatedToHeaderOnly() throws Exception {
        byte[] bytes = Files.readAllBytes(fixture("dense.h5ad"));
        Path cut = Files.write(tmp.resolve("head.h5ad"), Arrays.copyOf(bytes, 600));
        IOException e = assertThrows(IOException.class, () -> new H5adReader().read(cut));
        assertTrue(e instanceof DataFileException, "expected a DataFileException but got " + e);
        assertMessage(e, cut.toString(), "truncated HDF5 file", "only 600 are present");
        // only the 8-byte signature: the superblock itself is cut
        Path sig = Files.write(tmp.resolve("sig.h5ad"), Arrays.copyOf(bytes, 12));
        IOException e2 = assertThrows(IOException.class, () -> new H5adReader().read(sig));
        assertTrue(e2 instanceof DataFileException, "expected a DataFileException but got " + e2);
        assertMessage(e2, sig.toString(), "superblock");
    }

    /** Valid HDF5 whose X is not expression: the message says what X holds, not that the file is corrupt. */
    @Test
    void textOrCompoundXIsNamedForWhatItHolds() throws Exception {
        Path text = fixture("strX.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(text));
        assertMessage(e, text.toString(), "/X", "holds text (a string dtype), not numbers", "astype('float32')");
        assertFalse(e.getMessage().contains("corrupt"), e.getMessage());
        Path compound = fixture("compoundX.h5ad");
        DataFileException e2 = assertThrows(DataFileException.class, () -> new H5adReader().read(compound));
        assertMessage(e2, compound.toString(), "/X", "compound records with fields [a, b]");
        assertFalse(e2.getMessage().contains("corrupt"), e2.getMessage());
    }

    @Test
    void booleanXIsReadAsZeroAndOne() throws Exception {
        org.scgmvae.core.data.AnnData dense = new H5adReader().read(fixture("dense.h5ad"));
        org.scgmvae.core.data.AnnData bool = new H5adReader().read(fixture("boolX.h5ad"));
        float[] d = ((org.scgmvae.core.data.DenseMatrix) dense.x()).values();
        float[] b = ((org.scgmvae.core.data.DenseMatrix) bool.x()).values();
        assertTrue(d.length == b.length && d.length > 0);
        for (int i = 0; i < d.length; i++) {
            assertTrue(b[i] == (d[i] > 0 ? 1f : 0f), "value " + i + ": " + b[i] + " for " + d[i]);
        }
    }

    @Test
    void missingX() throws Exception {
        Path f = fixture("noX.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/X", "missing X");
    }

    @Test
    void shapeMismatchBetweenXAndObs() throws Exception {
        Path f = fixture("mismatch.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/obs", "shape mismatch", "X has 4 cells but obs has 5 rows");
    }

    @Test
    void shapeMismatchOfALayer() throws Exception {
        Path f = fixture("layer_mismatch.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/layers/counts", "shape mismatch", "layer is 5 x 3 but X is 5 x 4");
    }

    @Test
    void nanInX() throws Exception {
        Path f = fixture("nan.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/X", "NaN", "cell 'c2' (row 2)", "gene 'g1' (column 1)", "must be finite");
    }

    @Test
    void infinityInX() throws Exception {
        Path f = fixture("inf.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/X", "-Infinity", "cell 'c1'", "gene 'g2'");
    }

    @Test
    void duplicateGeneNames() throws Exception {
        Path f = fixture("dup.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/var", "duplicate gene names [ACTB]", "--make-genes-unique");
        assertFalse(e.getMessage().contains("GAPDH"));
    }

    @Test
    void duplicateGeneNamesInRawNameRawVar() throws Exception {
        Path f = fixture("rawdup.h5ad");
        // X's own genes are unique, so reading X works
        new H5adReader().read(f);
        DataFileException e = assertThrows(DataFileException.class,
                () -> new H5adReader(ReadOptions.defaults().withUseRaw(true)).read(f));
        assertMessage(e, f.toString(), "/raw/var", "duplicate gene names [G0]");
    }

    @Test
    void emptyMatrix() throws Exception {
        Path f = fixture("empty.h5ad");
        DataFileException e = assertThrows(DataFileException.class, () -> new H5adReader().read(f));
        assertMessage(e, f.toString(), "/X", "empty matrix", "0 cells x 3 genes");
    }
}
