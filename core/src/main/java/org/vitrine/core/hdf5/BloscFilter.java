package org.vitrine.core.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.exceptions.UnsupportedHdfException;
import io.jhdf.filter.Filter;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * HDF5 filter 32001, Blosc (version 1 format) as PyTables and h5py's hdf5plugin write it, added
 * to jHDF through its filter plug-in point ({@code META-INF/services/io.jhdf.filter.Filter}):
 * stored ("memcpyed") or compressed with BloscLZ, LZ4 (decoded by lz4-java) or zlib,
 * byte-shuffled or not. Other Blosc codecs (Snappy, Zstd) and bit-shuffled buffers are refused
 * with a message that names them.
 */
public final class BloscFilter implements Filter {

    private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestJavaInstance().safeDecompressor();

    private static final int DOSHUFFLE = 0x01;
    private static final int MEMCPYED = 0x02;
    private static final int DOBITSHUFFLE = 0x04;
    private static final int DONT_SPLIT = 0x10;
    private static final int MAX_SPLITS = 16;
    private static final int MIN_BUFFERSIZE = 128;
    private static final int MAX_DISTANCE = 8191;

    /** Made by jHDF's {@code ServiceLoader}. */
    public BloscFilter() {
    }

    @Override
    public int getId() {
        return 32001;
    }

    @Override
    public String getName() {
        return "blosc";
    }

    @Override
    public byte[] decode(byte[] encodedData, int[] filterData) {
        try {
            return decode(encodedData);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedHdfException(e.getMessage());
        } catch (IllegalStateException | IndexOutOfBoundsException | LZ4Exception e) {
            throw new HdfFilterException("Blosc buffer cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** The codec of a Blosc buffer, to name it in messages. */
    static String codecName(int code) {
        return switch (code) {
            case 0 -> "blosclz";
            case 1 -> "lz4";
            case 2 -> "snappy";
            case 3 -> "zlib";
            case 4 -> "zstd";
            default -> "codec " + code;
        };
    }

    private static byte[] decode(byte[] in) {
        if (in.length < 16) {
            throw new IllegalStateException("Blosc buffer of " + in.length + " bytes is shorter than its header");
        }
        int flags = in[2] & 0xFF;
        int typesize = in[3] & 0xFF;
        int nbytes = int32(in, 4);
        int blocksize = int32(in, 8);
        int codec = flags >> 5;
        if (nbytes < 0 || blocksize <= 0 && nbytes > 0) {
            throw new IllegalStateException("Blosc header declares " + nbytes + " bytes in blocks of " + blocksize);
        }
        byte[] out = new byte[nbytes];
        if ((flags & MEMCPYED) != 0) {
            System.arraycopy(in, 16, out, 0, nbytes);
            return out;
        }
        if ((flags & DOBITSHUFFLE) != 0) {
            throw new UnsupportedOperationException("bit-shuffled Blosc data");
        }
        if (codec != 0 && codec != 1 && codec != 3) {
            throw new UnsupportedOperationException("Blosc with " + codecName(codec));
        }
        int nblocks = nbytes / blocksize + (nbytes % blocksize > 0 ? 1 : 0);
        byte[] block = new byte[blocksize];
        for (int j = 0; j < nblocks; j++) {
            boolean leftover = j == nblocks - 1 && nbytes % blocksize > 0;
            int bsize = leftover ? nbytes % blocksize : blocksize;
            int src = int32(in, 16 + 4 * j);
            boolean split = (flags & DONT_SPLIT) == 0 && typesize <= MAX_SPLITS && typesize > 0
                    && blocksize / typesize >= MIN_BUFFERSIZE && !leftover;
            int nsplits = split ? typesize : 1;
            int neblock = bsize / nsplits;
            int written = 0;
            for (int s = 0; s < nsplits; s++) {
                int cbytes = int32(in, src);
                src += 4;
                if (cbytes == neblock) {
                    System.arraycopy(in, src, block, written, neblock);
                } else {
                    int n = switch (codec) {
                        case 0 -> blosclz(in, src, cbytes, block, written, neblock);
                        case 1 -> lz4(in, src, cbytes, block, written, neblock);
                        default -> zlib(in, src, cbytes, block, written, neblock);
                    };
                    if (n != neblock) {
                        throw new IllegalStateException("Blosc block " + j + " decodes to " + n + " bytes instead of " + neblock);
                    }
                }
                src += cbytes;
                written += neblock;
            }
            int dest = j * blocksize;
            if ((flags & DOSHUFFLE) != 0 && typesize > 1) {
                unshuffle(block, bsize, typesize, out, dest);
            } else {
                System.arraycopy(block, 0, out, dest, bsize);
            }
        }
        return out;
    }

    /** BloscLZ, a FastLZ level-1 stream. Returns the bytes written. */
    private static int blosclz(byte[] in, int ip, int length, byte[] out, int start, int max) {
        int limit = ip + length;
        int op = start;
        int end = start + max;
        int ctrl = in[ip++] & 31;
        while (true) {
            if (ctrl >= 32) {
                int len = (ctrl >> 5) - 1;
                int ofs = (ctrl & 31) << 8;
                int ref = op - ofs;
                int code;
                if (len == 6) {
                    do {
                        code = in[ip++] & 0xFF;
                        len += code;
                    } while (code == 255);
                }
                code = in[ip++] & 0xFF;
                ref -= code;
                if (code == 255 && ofs == (31 << 8)) {
                    ofs = (in[ip++] & 0xFF) << 8;
                    ofs += in[ip++] & 0xFF;
                    ref = op - ofs - MAX_DISTANCE;
                }
                len += 3;
                ref--;
                if (ref < start || op + len > end) {
                    throw new IllegalStateException("BloscLZ stream is corrupt");
                }
                for (int i = 0; i < len; i++) {
                    out[op++] = out[ref++];
                }
            } else {
                ctrl++;
                if (op + ctrl > end || ip + ctrl > limit) {
                    throw new IllegalStateException("BloscLZ stream is corrupt");
                }
                System.arraycopy(in, ip, out, op, ctrl);
                ip += ctrl;
                op += ctrl;
            }
            if (ip >= limit) {
                break;
            }
            ctrl = in[ip++] & 0xFF;
        }
        return op - start;
    }

    /** An LZ4 block. Returns the bytes written. */
    private static int lz4(byte[] in, int ip, int length, byte[] out, int start, int max) {
        return LZ4.decompress(in, ip, length, out, start, max);
    }

    private static int zlib(byte[] in, int ip, int length, byte[] out, int start, int max) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in, ip, length);
            int n = 0;
            while (!inflater.finished() && n < max) {
                int got = inflater.inflate(out, start + n, max - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            return n;
        } catch (DataFormatException e) {
            throw new IllegalStateException("zlib stream in Blosc buffer is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    private static void unshuffle(byte[] src, int size, int typesize, byte[] out, int dest) {
        int count = size / typesize;
        for (int b = 0; b < typesize; b++) {
            int base = b * count;
            for (int e = 0; e < count; e++) {
                out[dest + e * typesize + b] = src[base + e];
            }
        }
        int rest = size - count * typesize;
        System.arraycopy(src, count * typesize, out, dest + count * typesize, rest);
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
