package org.scgmvae.spark;

import java.io.Serializable;

/**
 * One task of distributed inference: cells {@code [from, to)} of one input file, which every executor reads from the
 * shared file system itself (only this small description travels).
 *
 * @param file  index of the file in the job's input list
 * @param path  the file, as every executor sees it
 */
public record CellRange(int file, String path, int from, int to) implements Serializable {
}
