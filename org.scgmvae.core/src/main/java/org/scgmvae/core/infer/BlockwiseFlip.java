package org.scgmvae.core.infer;

import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.h5ad.CellRows;
import org.scgmvae.core.io.h5ad.H5adCellBlocks;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.preprocess.GeneAligner;
import org.scgmvae.core.preprocess.InputNotes;
import org.scgmvae.core.task.Progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The cells of an {@code .h5ad} file flipped to another condition a block at a time ({@link ConditionFlipper}), for a
 * writer that asks for blocks of rows ({@link CellRows}): memory holds a block, not the cells x genes of the output. X
 * in the requested units and, where the units differ, the decoder's values as a layer, as {@link OutputUnits#cells} gives
 * them for the whole file. Each block is prepared and flipped when asked for. The writer writes all of X before the layer:
 * given a folder to spill to, X's pass writes each block's decoder values to a scratch file there ({@link ScratchRows}),
 * which the layer's pass reads back (a sequential read instead of a second flip of every block, and the same values to the
 * bit); without one (or without room there, or after a failed write) the layer's pass flips every block again. Memory
 * holds a block either way, never the output (the last block is kept, which spares a file of one block both). {@link
 * #close()} deletes the scratch file. What the cells told (the genes' alignment, the preprocessing's notes, whether any cell
 * was in another condition, which labelled types in which conditions) is gathered while the rows are made.
 */
public final class BlockwiseFlip implements AutoCloseable {

    private final TrainedModel model;
    private final H5adCellBlocks cells;
    private final String conditionColumn;
    private final String labelColumn;
    private final String target;
    private final ConditionFlipper.Mode mode;
    private final OutputUnits units;
    private final int targetCode;
    private final Progress progress;
    private GeneAligner.Report alignment;
    private InputNotes notes;
    private boolean anyOtherCondition;
    /** The (label, condition) pairs of the cells flipped so far ({@link FlipSeen#pairs}); null before the first block. */
    private boolean[][] pairs;
    /** The last block flipped (rows {@code lastFrom..}), which the writer may ask for again. */
    private int lastFrom = -1;
    private DenseMatrix lastDecoded;
    /** Rows flipped so far, X's pass first (every row once), then the layer's: what the progress counts. */
    private long flipped;
    /** The decoder's layer next to X, or null where the units coincide. */
    private final String layerName;
    /** X's pass's decoder values for the layer's pass, or null: flip again (no folder given, too little space, a failed write). */
    private ScratchRows spill;

    /**
     * @param spillDir where the layer's values wait between the writer's two passes (as much disk as the layer takes in the
     *                 output; the output's own folder is the natural place), or null to flip every block again instead; used
     *                 only where its file system has room for three times that (the output's X and layer besides)
     */
    public BlockwiseFlip(TrainedModel model, H5adCellBlocks cells, String conditionColumn, String labelColumn, String target,
                         ConditionFlipper.Mode mode, OutputUnits units, Progress progress, Path spillDir) {
        this.model = model;
        this.cells = cells;
        this.conditionColumn = conditionColumn;
        this.labelColumn = labelColumn;
        this.target = target;
        this.mode = mode;
        this.units = units;
        this.targetCode = model.conditionNames().indexOf(target);
        this.progress = progress;
        this.layerName = OutputUnits.layerName(model);
        this.spill = layerName == null || spillDir == null ? null
                : ScratchRows.openOrNull(spillDir, cells.nCells(), model.config().nFeatures(), 3);
    }

    /** Whether the layer's pass reads X's pass's values back (else it flips every block again). */
    public boolean spills() {
        return spill != null;
    }

    /** Deletes the scratch file (if any). */
    @Override
    public void close() throws IOException {
        if (spill != null) {
            spill.close();
            spill = null;
        }
    }

    /** X as {@link OutputUnits#cells} writes it. */
    public CellRows x() {
        return rows(true);
    }

    /** The layer {@link OutputUnits#cells} writes next to X ({@link OutputUnits#layerName}) by its name; none where the units coincide. */
    public java.util.Map<String, CellRows> layers() {
        return layerName == null ? java.util.Map.of() : java.util.Map.of(layerName, rows(false));
    }

    public GeneAligner.Report alignment() {
        return alignment;
    }

    public java.util.List<String> warnings() {
        return notes == null ? java.util.List.of() : notes.warnings();
    }

    /** Whether every cell flipped so far was in the target condition already. */
    public boolean allInTarget() {
        return !anyOtherCondition;
    }

    /** Whether any cell flipped so far had a label the model knows. */
    public boolean anyKnownLabel() {
        for (boolean[] conditions : pairs == null ? new boolean[0][] : pairs) {
            for (boolean seen : conditions) {
                if (seen) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What a user should hear of the types flipped so far ({@link FlipSeen#notes}). */
    public java.util.List<String> notes() {
        return pairs == null ? java.util.List.of() : FlipSeen.notes(model, pairs, target, mode);
    }

    private CellRows rows(boolean asX) {
        return new CellRows() {
            @Override
            public ExpressionMatrix rows(int from, int to) throws IOException {
                DenseMatrix decoded = decoded(from, to);
                return asX ? (units == OutputUnits.MODEL ? decoded : OutputUnits.expression(model, decoded)) : decoded;
            }

            @Override
            public long storedEntries() {
                return (long) cells.nCells() * model.config().nFeatures();
            }

            @Override
            public boolean sparse() {
                return false;
            }
        };
    }

    private DenseMatrix decoded(int from, int to) throws IOException {
        if (from == lastFrom && lastDecoded.nCells() == to - from) {
            return lastDecoded;
        }
        if (spill != null && flipped >= cells.nCells()) {
            return new DenseMatrix(to - from, model.config().nFeatures(), spill.read(from, to - from));
        }
        InferenceInput in = InferenceInput.prepare(model, cells.block(from, to), conditionColumn, labelColumn);
        boolean first = flipped < cells.nCells(); // X's pass over the block; the layer's pass tells nothing new
        if (first) {
            tell(in);
        }
        lastDecoded = ConditionFlipper.flip(model, in.input(), target, mode);
        lastFrom = from;
        flipped += to - from;
        if (spill != null && first) {
            try {
                spill.write(from, lastDecoded.values());
            } catch (IOException full) { // e.g. the disk filled meanwhile: the layer's pass flips again, as without a folder
                spill.close();
                spill = null;
            }
        }
        long total = (long) cells.nCells() * (layerName == null || spill != null ? 1 : 2);
        progress.step(Math.min(flipped, total), total, "flipping " + cells.nCells() + " cells to '" + target + "'"
                + (first ? "" : " (the decoder's layer)"));
        return lastDecoded;
    }

    private void tell(InferenceInput in) {
        if (alignment == null) {
            alignment = in.alignment();
        }
        if (in.notes() != null) {
            notes = notes == null ? in.notes() : notes.merge(in.notes());
        }
        int[] conditions = in.input().conditions();
        anyOtherCondition |= conditions == null || Arrays.stream(conditions).anyMatch(c -> c != targetCode);
        pairs = FlipSeen.pairs(model, in.input().labels(), conditions, pairs);
    }
}
