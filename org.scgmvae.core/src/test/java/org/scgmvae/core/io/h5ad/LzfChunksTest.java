package org.scgmvae.core.io.h5ad;

import io.jhdf.exceptions.HdfFilterException;
import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Files written with anndata's {@code compression='lzf'} read as the same file without compression (h5py leaves the chunk
 * size out of the LZF settings of the string datasets, where jhdf's own filter failed and the file was called corrupt).
 */
class LzfChunksTest {

    @Test
    void literalRunsAndOverlappingBackReferencesDecode() {
        // "abc" as literals, then 9 bytes from 3 back (length field 7 + extra byte 0), overlapping what is being written
        byte[] stream = {2, 'a', 'b', 'c', (byte) 224, 0, 2};
        assertEquals("abcabcabcabc", new String(new LzfChunks().decode(stream, new int[0]), StandardCharsets.US_ASCII));
        // one literal, then 5 bytes from 1 back, the chunk's size given
        assertEquals("aaaaaa", new String(new LzfChunks().decode(new byte[] {0, 'a', 96, 0}, new int[] {4, 261, 6}), StandardCharsets.US_ASCII));
    }

    @Test
    void theOutputGrowsUntilTheChunkFits() {
        byte[] stream = {0, 'x', (byte) 224, (byte) 250, 0}; // 1 + 259 bytes from 4 input bytes and a size hint of nothing
        byte[] out = new LzfChunks().decode(stream, new int[] {4, 261});
        assertEquals(260, out.length);
        assertEquals(-1, LzfChunks.decode(stream, new byte[100]), "too small a buffer is reported, not overrun");
    }

    @Test
    void aCutStreamIsAnErrorNotGarbage() {
        int[] sized = {4, 261, 10};
        assertThrows(HdfFilterException.class, () -> new LzfChunks().decode(new byte[] {5, 'a', 'b'}, sized));
        assertThrows(HdfFilterException.class, () -> new LzfChunks().decode(new byte[] {0, 'a', 32}, sized));
        assertThrows(HdfFilterException.class, () -> new LzfChunks().decode(new byte[] {0, 'a', 33, 5}, sized),
                "a reference before the start");
    }

    @Test
    void aChunkStoredAsItIsComesBackAsItIs() {
        byte[] raw = {9, 0, 0, 0, 7, 0, 0, 0}; // two int32 that LZF could not shrink
        assertArrayEquals(raw, new LzfChunks().decode(raw, new int[] {4, 261, 8}), "the chunk's size: stored as it is");
        assertArrayEquals(raw, new LzfChunks().decode(raw, new int[0]), "no size given: not an LZF stream, so stored as it is");
        // one variable-length string reference as h5py stores an obs column's single category uncompressed: it parses as
        // literal runs, but into fewer bytes than it holds, which no LZF output does
        byte[] oneString = {8, 0, 0, 0, (byte) 168, 13, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0};
        assertArrayEquals(oneString, new LzfChunks().decode(oneString, new int[0]));
    }

    @Test
    void anLzfCompressedFileReadsAsTheSameFileUncompressed() throws Exception {
        AnnData lzf = new H5adReader().read(fixture("kang_lzf.h5ad"));
        AnnData plain = new H5adReader().read(fixture("kang_plain.h5ad"));
        assertEquals(41, lzf.nCells());
        assertEquals(50, lzf.nGenes());
        assertArrayEquals(plain.cellNames(), lzf.cellNames());
        assertArrayEquals(plain.geneNames(), lzf.geneNames());
        for (int i = 0; i < plain.nCells(); i++) {
            assertArrayEquals(plain.x().row(i, new float[50]), lzf.x().row(i, new float[50]), "cell " + i);
        }
        for (String column : new String[] {"cell_type", "sample_id", "dataset"}) {
            CategoricalColumn a = (CategoricalColumn) plain.obs().column(column);
            CategoricalColumn b = (CategoricalColumn) lzf.obs().column(column);
            assertEquals(a.categories(), b.categories(), column);
            assertArrayEquals(a.codes(), b.codes(), column);
        }
        assertEquals(6, ((CategoricalColumn) lzf.obs().column("cell_type")).categories().size());
        assertEquals(java.util.List.of("kang2018"), ((CategoricalColumn) lzf.obs().column("dataset")).categories(),
                "a one-string chunk that LZF could not shrink, stored as it is");
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(LzfChunksTest.class.getResource(name).toURI());
    }
}
