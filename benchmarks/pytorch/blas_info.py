"""Which BLAS this process (PyTorch from Debian) runs: the loaded library and, for OpenBLAS, its own configuration
line with the CPU kernel it chose. Debian's PyTorch calls whatever libblas.so.3 the alternatives system points to:
the reference BLAS (several times slower, not a fair peer) unless an optimised one such as libopenblas0-pthread is
installed. Usage: `python3 blas_info.py` prints the line; `--require-optimised` exits 3 with a message otherwise."""
import ctypes
import sys

import torch  # noqa: F401  (loads the BLAS it links)


def describe():
    with open("/proc/self/maps") as f:
        libs = sorted({line.split()[-1] for line in f if "blas" in line.split()[-1].lower() and ".so" in line})
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            get = lib.openblas_get_config
            get.restype = ctypes.c_char_p
            threads = lib.openblas_get_num_threads()
            return True, f"{get().decode().strip()}, {threads} thread(s) ({path})"
        except (OSError, AttributeError):
            continue
    return False, "no OpenBLAS loaded: " + (", ".join(libs) if libs else "no BLAS library found") + " (reference BLAS?)"


if __name__ == "__main__":
    optimised, line = describe()
    print("  blas of pytorch: " + line)
    if "--require-optimised" in sys.argv and not optimised:
        print("PyTorch runs without an optimised BLAS; install Debian's libopenblas0-pthread "
              "(apt-get install libopenblas0-pthread) so that the comparison is fair", file=sys.stderr)
        sys.exit(3)
