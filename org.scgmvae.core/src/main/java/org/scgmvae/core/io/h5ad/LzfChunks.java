package org.scgmvae.core.io.h5ad;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;
import io.jhdf.filter.FilterManager;

import java.util.Arrays;

/**
 * HDF5's LZF filter (id 32000, h5py's {@code compression='lzf'}, which anndata and scanpy offer), decoded without relying on
 * the chunk size in the filter's settings: h5py leaves those settings empty for some datasets (the variable-length strings
 * of obs and var names), where jhdf's own LZF filter failed with an index error and the file was called corrupt. The
 * output grows until the chunk fits, as h5py's filter does. The format is liblzf's: a control byte below 32 starts a run of
 * that many plus one literal bytes; any other gives a back-reference of (control >> 5) + 2 bytes (+ the next byte when
 * that field is 7) at a distance of ((control & 31) << 8) + next byte + 1.
 */
final class LzfChunks implements Filter {

    static final int ID = 32000;

    /** Puts this decoder in jhdf's place for LZF (jhdf keeps one filter per id; registering again replaces it by an equal one). */
    static void register() {
        FilterManager.addFilter(new LzfChunks());
    }

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "lzf";
    }

    /**
     * A chunk that LZF could not shrink is stored as it is (HDF5 marks it in the chunk index, which jhdf does not pass on):
     * with the chunk size known, as jhdf does, a chunk of exactly that size is taken as stored; without it (string
     * datasets), a chunk that is no valid LZF stream, or that decodes to no more bytes than it holds (h5py keeps LZF output
     * only when it is shorter than the chunk, so a real stream always decodes to more).
     */
    @Override
    public byte[] decode(byte[] encoded, int[] settings) {
        boolean sized = settings != null && settings.length >= 3 && settings[2] > 0;
        if (sized && encoded.length == settings[2]) {
            return encoded;
        }
        int size = sized ? settings[2] : Math.max(64, encoded.length * 4);
        while (true) {
            byte[] out = new byte[size];
            int n;
            try {
                n = decode(encoded, out);
            } catch (IllegalArgumentException notLzf) {
                if (sized) {
                    throw new HdfFilterException("LZF chunk cannot be decoded: " + notLzf.getMessage(), notLzf);
                }
                return encoded;
            }
            if (n >= 0) {
                if (!sized && n <= encoded.length) {
                    return encoded;
                }
                return n == out.length ? out : Arrays.copyOf(out, n);
            }
            size = Math.multiplyExact(size, 2);
        }
    }

    /** Decodes {@code in} into {@code out}; the number of bytes written, or -1 when {@code out} is too small. */
    static int decode(byte[] in, byte[] out) {
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int control = in[ip++] & 0xff;
            if (control < 32) {
                int literal = control + 1;
                if (op + literal > out.length) {
                    return -1;
                }
                if (ip + literal > in.length) {
                    throw new IllegalArgumentException("LZF chunk ends inside a literal run");
                }
                System.arraycopy(in, ip, out, op, literal);
                ip += literal;
                op += literal;
            } else {
                int length = control >> 5;
                if (ip >= in.length) {
                    throw new IllegalArgumentException("LZF chunk ends inside a back-reference");
                }
                if (length == 7) {
                    length += in[ip++] & 0xff;
                    if (ip >= in.length) {
                        throw new IllegalArgumentException("LZF chunk ends inside a back-reference");
                    }
                }
                int ref = op - ((control & 31) << 8) - 1 - (in[ip++] & 0xff);
                length += 2;
                if (ref < 0) {
                    throw new IllegalArgumentException("LZF back-reference before the start of the chunk");
                }
                if (op + length > out.length) {
                    return -1;
                }
                for (int k = 0; k < length; k++) {
                    out[op++] = out[ref++]; // the source may overlap what is being written: byte by byte
                }
            }
        }
        return op;
    }
}
