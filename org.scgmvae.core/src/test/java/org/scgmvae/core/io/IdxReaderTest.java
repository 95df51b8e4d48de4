package org.scgmvae.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;

import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {

    @Test
    void readsImagesAndLabels(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("t-images-idx3-ubyte.gz");
        Path lab = dir.resolve("t-labels-idx1-ubyte.gz");
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(img)))) {
            o.writeInt(0x803);
            o.writeInt(3);
            o.writeInt(2);
            o.writeInt(2);
            o.write(new byte[] {0, (byte) 255, 51, 0, 1, 2, 3, 4, (byte) 128, 0, 0, 0});
        }
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(lab)))) {
            o.writeInt(0x801);
            o.writeInt(3);
            o.write(new byte[] {7, 0, 9});
        }
        AnnData a = IdxReader.read(img, lab, 0);
        assertEquals(3, a.nCells());
        assertEquals(4, a.nGenes());
        assertEquals(1.0f, a.x().get(0, 1));
        assertEquals(0.2f, a.x().get(0, 2), 1e-6);
        assertEquals("9", a.obs().column("label").stringValue(2));
        assertEquals(2, IdxReader.read(img, lab, 2).nCells());
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.read(lab, img, 0));
        assertTrue(e.getMessage().contains("not an IDX image file"), e.getMessage());
    }

    @Test
    void readsASplitStoredPlainOrGzipped(@TempDir Path dir) throws Exception {
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(dir.resolve("t10k-images-idx3-ubyte")))) {
            o.writeInt(0x803);
            o.writeInt(2);
            o.writeInt(1);
            o.writeInt(2);
            o.write(new byte[] {(byte) 255, 0, 0, 51});
        }
        try (DataOutputStream o = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(dir.resolve("t10k-labels-idx1-ubyte.gz"))))) {
            o.writeInt(0x801);
            o.writeInt(2);
            o.write(new byte[] {3, 5});
        }
        AnnData a = IdxReader.readSplit(dir, "t10k");
        assertEquals(2, a.nCells());
        assertEquals(0.2f, a.x().get(1, 1), 1e-6);
        assertEquals("5", a.obs().column("label").stringValue(1));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readSplit(dir, "train"));
        assertTrue(e.getMessage().contains("neither train-images-idx3-ubyte nor train-images-idx3-ubyte.gz"), e.getMessage());
    }
}
