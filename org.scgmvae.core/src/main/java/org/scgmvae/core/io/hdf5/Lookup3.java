package org.scgmvae.core.io.hdf5;

/**
 * Bob Jenkins' lookup3 hash (hashlittle, byte-wise), the checksum of HDF5 superblocks v2+ and
 * version-2 object headers.
 */
final class Lookup3 {

    private Lookup3() {
    }

    static int hash(byte[] k, int offset, int length) {
        int a = 0xdeadbeef + length;
        int b = a;
        int c = a;
        int i = offset;
        int n = length;
        while (n > 12) {
            a += word(k, i);
            b += word(k, i + 4);
            c += word(k, i + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            n -= 12;
            i += 12;
        }
        switch (n) {
            case 12: c += (k[i + 11] & 0xff) << 24;
            case 11: c += (k[i + 10] & 0xff) << 16;
            case 10: c += (k[i + 9] & 0xff) << 8;
            case 9: c += k[i + 8] & 0xff;
            case 8: b += (k[i + 7] & 0xff) << 24;
            case 7: b += (k[i + 6] & 0xff) << 16;
            case 6: b += (k[i + 5] & 0xff) << 8;
            case 5: b += k[i + 4] & 0xff;
            case 4: a += (k[i + 3] & 0xff) << 24;
            case 3: a += (k[i + 2] & 0xff) << 16;
            case 2: a += (k[i + 1] & 0xff) << 8;
            case 1: a += k[i] & 0xff;
                break;
            default:
                return c;
        }
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int word(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
