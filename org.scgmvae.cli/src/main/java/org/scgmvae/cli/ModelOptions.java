package org.scgmvae.cli;

import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.model.ClassifierInput;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.preprocess.HighlyVariableGenes;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.TrainingConfig;
import picocli.CommandLine.Option;

/** Architecture, optimisation and preprocessing options of the train and demo commands; defaults as in the library. */
final class ModelOptions {

    private static final ArchitectureOptions A = ArchitectureOptions.defaults();
    private static final TrainingConfig T = TrainingConfig.defaults();

    @Option(names = {"-k", "--components"}, paramLabel = "K", description = "Default: number of labels; else 20: over-clustering, Leiden-guided"
            + " unless --guided none, the components named by the majority label of --evaluate COL where given (else numbered only);"
            + " with '--guided leiden' named explicitly, the number of Leiden clusters at resolution 1.")
    int components;

    @Option(names = "--z-dim", description = "Default ${DEFAULT-VALUE}.")
    int zDim = A.zDim();

    @Option(names = "--w-dim", description = "Default ${DEFAULT-VALUE}.")
    int wDim = A.wDim();

    @Option(names = "--encoder", split = ",", paramLabel = "N", description = "Default 256,128.")
    int[] encoder = A.encoderHidden();

    @Option(names = "--decoder", split = ",", paramLabel = "N", description = "Default 128,256.")
    int[] decoder = A.decoderHidden();

    @Option(names = "--alpha", description = "Default ${DEFAULT-VALUE}.")
    double alpha = A.alpha();

    @Option(names = "--likelihood", description = "Observation model: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). NEGATIVE_BINOMIAL and POISSON model raw counts.")
    Likelihood likelihood = A.likelihood();

    @Option(names = "--w-prior", description = "Prior of w: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}). LEARNED = p(w|c), cGMVAE only.")
    WPrior wPrior = A.wPrior();

    @Option(names = "--classifier-input", description = "q(y|z) (Z) or q(y|z,x) (Z_AND_X) (default ${DEFAULT-VALUE}).")
    ClassifierInput classifierInput = A.classifierInput();

    @Option(names = {"-e", "--epochs"}, description = "Default ${DEFAULT-VALUE}; early stopping (--patience) usually ends training sooner, on the real Kang files after 20-30 epochs."
            + " Guided training (the default without labels) runs its --guided-epochs before these.")
    int epochs = T.epochs();

    @Option(names = {"-b", "--batch-size"}, description = "Default ${DEFAULT-VALUE}.")
    int batchSize = T.batchSize();

    @Option(names = "--lr", description = "Default ${DEFAULT-VALUE}; --lr-decay lowers it each epoch.")
    double learningRate = T.learningRate();

    @Option(names = "--lr-decay", description = "Default ${DEFAULT-VALUE}.")
    double lrDecay = T.lrDecay();

    @Option(names = "--warmup", description = "Default ${DEFAULT-VALUE}.")
    int warmup = T.warmupEpochs();

    @Option(names = "--validation", description = "Default ${DEFAULT-VALUE}.")
    double validation = T.validationFraction();

    @Option(names = "--patience", description = "Default ${DEFAULT-VALUE}.")
    int patience = T.patience();

    @Option(names = "--seed", description = "Random seed; the same seed gives the same model (default ${DEFAULT-VALUE}).")
    long seed = T.seed();

    @Option(names = "--component-balance", paramLabel = "LAMBDA", description = "The thesis model has none; 0.5 worked on the toy blobs (default ${DEFAULT-VALUE}).")
    double componentBalance = T.componentBalance();

    @Option(names = "--restarts", paramLabel = "N", description = "Without validation cells the training loss decides; no labels are involved in unsupervised training. Runs that merged two types into one component usually end at a higher loss (toy benchmark: 4 clean seeds of 5 with 4 restarts, 1 without). Costs N times the training time; the model records the kept seed, and the same --seed and --restarts reproduce it (default ${DEFAULT-VALUE}).")
    int restarts = T.restarts();

    @Option(names = "--rebalance", description = "Oversample rare labelled classes (with noise) to the size of the largest.")
    boolean rebalance;

    @Option(names = "--input-kind", paramLabel = "KIND", converter = InputKindConverter.class,
            description = "What X holds, which decides the preprocessing: auto (default: detected from the values and said on stderr), "
                    + "counts (raw counts in X or a 'counts' layer: normalize_total to the median total, log1p, --n-top-genes Seurat "
                    + "HVGs, scaling clipped at 10), log-normalized (already normalize_total + log1p, as scGen's Kang file: the same "
                    + "HVG selection and scaling, no second log) or as-is (already scaled or not expression: every gene, nothing "
                    + "transformed). The fitted steps are stored in the model and repeated on new cells.")
    InputKind inputKind = InputKind.AUTO;

    @Option(names = "--normalized", description = "Short for --input-kind log-normalized.")
    boolean normalized;

    @Option(names = "--no-preprocess", description = "Short for --input-kind as-is: use X as it is (gene names are kept).")
    boolean noPreprocess;

    @Option(names = "--n-top-genes", description = "In the counts and log-normalized routes (default ${DEFAULT-VALUE}).")
    int nTopGenes = InputKind.DEFAULT_TOP_GENES;

    @Option(names = "--hvg-flavor", description = "HVG method: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    HighlyVariableGenes.Flavor hvgFlavor = HighlyVariableGenes.Flavor.SEURAT;

    @Option(names = "--target-sum", description = "Default: the median of the cells' totals.")
    Double targetSum;

    @Option(names = "--min-genes", description = "Default ${DEFAULT-VALUE}.")
    int minGenes;

    @Option(names = "--min-cells", description = "Default ${DEFAULT-VALUE}.")
    int minCells = 1;

    ArchitectureOptions architecture() {
        return ArchitectureOptions.builder().components(components).zDim(zDim).wDim(wDim).encoderHidden(encoder).decoderHidden(decoder)
                .alpha(alpha).likelihood(likelihood).wPrior(wPrior).classifierInput(classifierInput).build();
    }

    TrainingConfig training() {
        return T.toBuilder().epochs(epochs).batchSize(batchSize).learningRate(learningRate).lrDecay(lrDecay).warmupEpochs(warmup)
                .validationFraction(validation).patience(patience).seed(seed).rebalance(rebalance).componentBalance(componentBalance)
                .restarts(restarts).build();
    }

    /** The preprocessing route for these cells: the chosen (or detected) input kind with the options above. */
    InputKind.Route route(AnnData data) {
        InputKind kind = inputKind(noPreprocess, normalized, inputKind);
        InputKind.Route r = kind.resolve(data, nTopGenes);
        PreprocessConfig c = r.config();
        if (r.kind() == InputKind.AS_IS) {
            return r;
        }
        if (c.hvgFlavor() != null) {
            c = c.withHvgFlavor(hvgFlavor);
        }
        if (r.kind() == InputKind.COUNTS) {
            c = c.withTargetSum(targetSum).withCellFilter(0, minGenes).withGeneFilter(0, minCells);
        }
        return new InputKind.Route(r.kind(), c, r.explanation());
    }

    /** The one input kind that the three spellings name; two of them at once is a usage error. */
    static InputKind inputKind(boolean noPreprocess, boolean normalized, InputKind kind) {
        int set = (noPreprocess ? 1 : 0) + (normalized ? 1 : 0) + (kind != InputKind.AUTO ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException("--no-preprocess, --normalized and --input-kind name the same choice; give one of them");
        }
        return noPreprocess ? InputKind.AS_IS : normalized ? InputKind.LOG_NORMALIZED : kind;
    }

    /** Reads auto, counts, log-normalized (log-normalised), as-is. */
    static final class InputKindConverter implements picocli.CommandLine.ITypeConverter<InputKind> {
        @Override
        public InputKind convert(String value) {
            try {
                return InputKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage()); // one sentence, no exception name
            }
        }
    }
}
