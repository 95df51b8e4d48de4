package org.scgmvae.core.options;

import java.util.List;
import java.util.Optional;

import static org.scgmvae.core.options.NumberOption.real;
import static org.scgmvae.core.options.NumberOption.whole;

/**
 * Every numeric option a user can set, with its allowed range and its meaning (the first words of its help in both front
 * ends): read by the command line (checked while parsing, the range
 * added to {@code --help}), by the library's configs (their constructors check the same ranges) and by the KNIME node
 * settings (bounded settings models with the same keys and ranges, checked by a test). Defaults stay with the configs
 * ({@code TrainingConfig.defaults()}, {@code ArchitectureOptions.defaults()}). The upper ends are far beyond any
 * sensible value; they exist so that a typo (an extra zero or three) is refused before it allocates or runs for days.
 */
public final class UserOptions {

    private UserOptions() {
    }

    // model architecture
    public static final NumberOption COMPONENTS = whole("components", "--components", 0, 10_000,
            "0 = one per label, or chosen from the data",
            "Number of mixture components K.");
    public static final NumberOption Z_DIM = whole("z_dim", "--z-dim", 1, 4096, "",
            "Size of the cell embedding z.");
    public static final NumberOption W_DIM = whole("w_dim", "--w-dim", 1, 4096, "",
            "Size of the latent w that generates the component means.");
    public static final NumberOption ENCODER_LAYER = whole("encoder_hidden", "--encoder", 1, 65_536, "each layer",
            "Sizes of the hidden layers of q(z|x) and q(w|x), comma-separated.");
    public static final NumberOption DECODER_LAYER = whole("decoder_hidden", "--decoder", 1, 65_536, "each layer",
            "Sizes of the hidden layers of p(x|z), comma-separated.");
    public static final NumberOption ALPHA = real("alpha", "--alpha", 1e-6, 1e6, "",
            "Concentration of the Dirichlet prior on the mixture weights; below 1 it favours fewer components.");

    // optimisation
    public static final NumberOption EPOCHS = whole("epochs", "--epochs", 1, 1_000_000, "",
            "Maximum number of passes over the data.");
    public static final NumberOption BATCH_SIZE = whole("batch_size", "--batch-size", 2, 1 << 20, "",
            "Cells per gradient step.");
    public static final NumberOption LEARNING_RATE = real("learning_rate", "--lr", 1e-9, 10, "",
            "Adam learning rate.");
    public static final NumberOption LR_DECAY = real("lr_decay", "--lr-decay", 1e-6, 1, "1 = constant",
            "Factor the learning rate is multiplied by after each epoch.");
    public static final NumberOption WARMUP = whole("warmup_epochs", "--warmup", 0, 1_000_000, "0 = no warm-up",
            "Epochs over which the KL terms are weighted up from 0 to 1.");
    public static final NumberOption VALIDATION = real("validation_fraction", "--validation", 0, 0.9, "0 = no validation cells",
            "Share of cells (stratified by label) held out for validation and early stopping; each epoch evaluates at most 10,000 of them, spread evenly.");
    public static final NumberOption PATIENCE = whole("patience", "--patience", 0, 1_000_000, "0 = no early stopping",
            "Stop when the validation loss has not improved for this many epochs; the best model is kept.");
    public static final NumberOption COMPONENT_BALANCE = real("component_balance", "--component-balance", 0, 100, "0 = off",
            "Weight of -H(mean q(y|z)) over the unlabelled cells of each batch: it rewards using many components, so that one component does not absorb several cell types (not part of the thesis model).");
    public static final NumberOption RESTARTS = whole("restarts", "--restarts", 1, 1000, "",
            "Train this many times from different initial networks (seeds: the seed, seed + 1, ...) on the same validation cells and keep the run with the lowest validation loss.");
    public static final NumberOption GUIDED_EPOCHS = whole("guided_epochs", "--guided-epochs", 1, 1_000_000, "",
            "Epochs of the supervised phase of guided training, before the unsupervised epochs.");
    public static final NumberOption GUIDE_CELLS = whole("guide_cells", "--guide-cells", 100, 100_000_000, "",
            "The most cells Leiden clusters for guided training; above it a seeded sample of this many guides, the other cells"
                    + " train unsupervised in the guided phase.");

    // preprocessing
    public static final NumberOption N_TOP_GENES = whole("n_top_genes", "--n-top-genes", 0, 1_000_000, "0 = every gene",
            "Highly variable genes to keep.");
    public static final NumberOption TARGET_SUM = real("target_sum", "--target-sum", 1e-6, 1e12, "",
            "Total each cell is scaled to before the log (normalize_total's target).");
    public static final NumberOption MIN_GENES = whole("min_genes", "--min-genes", 0, 1_000_000, "",
            "Drop cells with fewer expressed genes.");
    public static final NumberOption MIN_CELLS = whole("min_cells", "--min-cells", 0, 1_000_000_000, "",
            "Drop genes expressed in fewer cells.");

    // generation
    public static final NumberOption SAMPLES = whole("samples", "--samples", 1, 1_000_000, "per component and condition",
            "Draws of w.");
    public static final NumberOption REPORT_GENERATED = whole("report_generated", "--generate", 0, 10_000,
            "per component and condition, 0 = no such picture",
            "Generated cells per component and condition drawn next to real cells.");

    // Leiden clustering
    public static final NumberOption CLUSTERS = whole("clusters", "--clusters", 0, 1_000_000, "0 = use --resolution",
            "Number of clusters to reach by choosing Leiden's resolution (or the closest number below it that Leiden reaches).");
    public static final NumberOption RESOLUTION = real("resolution", "--resolution", 1e-6, 1e6, "",
            "Modularity resolution of Leiden; higher gives more clusters.");
    public static final NumberOption PCS = whole("pcs", "--pcs", 1, 1000, "",
            "Principal components the kNN graph is built on.");
    public static final NumberOption NEIGHBOURS = whole("neighbours", "--neighbours", 1, 1000, "",
            "Neighbours per cell in the kNN graph.");

    // applying a model to an .h5ad
    public static final NumberOption BLOCK_CELLS = whole("block_cells", "--block-cells", 1, 1 << 24, "",
            "Cells read, prepared and written at a time.");

    public static final List<NumberOption> ALL = List.of(COMPONENTS, Z_DIM, W_DIM, ENCODER_LAYER, DECODER_LAYER, ALPHA, EPOCHS,
            BATCH_SIZE, LEARNING_RATE, LR_DECAY, WARMUP, VALIDATION, PATIENCE, COMPONENT_BALANCE, RESTARTS, GUIDED_EPOCHS, GUIDE_CELLS,
            N_TOP_GENES, TARGET_SUM, MIN_GENES, MIN_CELLS, SAMPLES, REPORT_GENERATED, CLUSTERS, RESOLUTION, PCS, NEIGHBOURS, BLOCK_CELLS);

    /** The option with this command-line name (its longest name, e.g. {@code --epochs}). */
    public static Optional<NumberOption> byCli(String name) {
        return ALL.stream().filter(o -> o.cli().equals(name)).findFirst();
    }

    public static Optional<NumberOption> byKey(String key) {
        return ALL.stream().filter(o -> o.key().equals(key)).findFirst();
    }
}
