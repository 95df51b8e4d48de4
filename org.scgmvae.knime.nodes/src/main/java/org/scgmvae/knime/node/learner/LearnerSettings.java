package org.scgmvae.knime.node.learner;

import java.util.Arrays;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.scgmvae.core.model.Likelihood;
import org.scgmvae.core.model.WPrior;
import org.scgmvae.core.options.NumberOption;
import org.scgmvae.core.options.UserOptions;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.knime.node.EnumSettings;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.LeidenGuide;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingRequest;
import org.scgmvae.knime.node.NodeSettingsGroup;
import org.scgmvae.knime.table.ColumnChecks;

/** Settings of both learners; the condition and w-prior settings exist only for the cGMVAE learner. */
final class LearnerSettings extends NodeSettingsGroup {
    private static final TrainingConfig T = TrainingConfig.defaults();
    private static final ArchitectureOptions A = ArchitectureOptions.defaults();

    final boolean m_conditional;
    final SettingsModelString m_excluded = add(new SettingsModelString("excluded_columns", ""));
    final SettingsModelString m_labelColumn = add(new SettingsModelString("label_column", ""));
    final SettingsModelString m_conditionColumn;
    final SettingsModelString m_wPrior;
    final SettingsModelBoolean m_inputNormalized = add(new SettingsModelBoolean("input_normalized", true));
    final SettingsModelIntegerBounded m_nTopGenes = add(bounded(UserOptions.N_TOP_GENES, InputKind.DEFAULT_TOP_GENES));
    final SettingsModelIntegerBounded m_components = add(bounded(UserOptions.COMPONENTS, A.components()));
    final SettingsModelIntegerBounded m_zDim = add(bounded(UserOptions.Z_DIM, A.zDim()));
    final SettingsModelIntegerBounded m_wDim = add(bounded(UserOptions.W_DIM, A.wDim()));
    final SettingsModelString m_encoderHidden = add(new SettingsModelString(UserOptions.ENCODER_LAYER.key(), join(A.encoderHidden())));
    final SettingsModelString m_decoderHidden = add(new SettingsModelString(UserOptions.DECODER_LAYER.key(), join(A.decoderHidden())));
    final SettingsModelString m_likelihood = add(new SettingsModelString("likelihood", A.likelihood().name()));
    final SettingsModelDoubleBounded m_alpha = add(bounded(UserOptions.ALPHA, A.alpha()));
    final SettingsModelIntegerBounded m_epochs = add(bounded(UserOptions.EPOCHS, T.epochs()));
    final SettingsModelIntegerBounded m_batchSize = add(bounded(UserOptions.BATCH_SIZE, T.batchSize()));
    final SettingsModelDoubleBounded m_learningRate = add(bounded(UserOptions.LEARNING_RATE, T.learningRate()));
    final SettingsModelIntegerBounded m_warmup = add(bounded(UserOptions.WARMUP, T.warmupEpochs()));
    final SettingsModelDoubleBounded m_validation = add(bounded(UserOptions.VALIDATION, T.validationFraction()));
    final SettingsModelIntegerBounded m_patience = add(bounded(UserOptions.PATIENCE, T.patience()));
    final SettingsModelIntegerBounded m_seed = add(new SettingsModelIntegerBounded("seed", (int)T.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
    /** Leiden guidance of training without labels: the default route for new nodes, as in the CLI (saved workflows keep theirs). */
    final SettingsModelBoolean m_guided = add(new SettingsModelBoolean("guided_leiden", true));
    /**
     * How a ticked 'Leiden-guided training' applies (not in the dialog): "default" for nodes created since guidance became
     * the default route (the CLI's: K = Components or 20; where Leiden cannot reach K clusters, unguided with a warning);
     * "explicit" for workflows saved before, which keep their meaning (Components 0 = one per Leiden cluster at resolution 1;
     * too many clusters fail).
     */
    final SettingsModelString m_guidanceRoute = addOptional(GUIDANCE_ROUTE_KEY,
        new SettingsModelString(GUIDANCE_ROUTE_KEY, DEFAULT_ROUTE), m -> m.setStringValue(EXPLICIT_ROUTE));

    static final String GUIDANCE_ROUTE_KEY = "guidance_route";
    static final String DEFAULT_ROUTE = "default";
    static final String EXPLICIT_ROUTE = "explicit";

    /** The guidance column for the training request: none with a label column or unticked, else Leiden by the stored route. */
    String guidance() {
        if (labelColumn() != null || !m_guided.getBooleanValue()) {
            return TrainingRequest.UNGUIDED;
        }
        return EXPLICIT_ROUTE.equals(m_guidanceRoute.getStringValue()) ? ModelTrainer.LEIDEN : null; // null: withDefaultGuidance() decides
    }
    final SettingsModelDoubleBounded m_balance = addOptional(UserOptions.COMPONENT_BALANCE.key(),
        bounded(UserOptions.COMPONENT_BALANCE, T.componentBalance()));
    final SettingsModelIntegerBounded m_restarts = addOptional(UserOptions.RESTARTS.key(),
        bounded(UserOptions.RESTARTS, T.restarts()));
    /** The most rows Leiden clusters for guidance; above, a seeded sample (as the CLI's --guide-cells). */
    final SettingsModelIntegerBounded m_guideCells = addOptional(UserOptions.GUIDE_CELLS.key(),
        bounded(UserOptions.GUIDE_CELLS, LeidenGuide.DEFAULT_MAX_CELLS));

    LearnerSettings(final boolean conditional) {
        m_conditional = conditional;
        m_conditionColumn = conditional ? add(new SettingsModelString("condition_column", "")) : null;
        m_wPrior = conditional ? add(new SettingsModelString("w_prior", WPrior.STANDARD_NORMAL.name())) : null;
    }

    /** A bounded settings model with the key and range of the option's one declaration (shared with the command line). */
    static SettingsModelIntegerBounded bounded(final NumberOption o, final int defaultValue) {
        return new SettingsModelIntegerBounded(o.key(), defaultValue, o.intMin(), o.intMax());
    }

    static SettingsModelDoubleBounded bounded(final NumberOption o, final double defaultValue) {
        return new SettingsModelDoubleBounded(o.key(), defaultValue, o.min(), o.max());
    }

    static String join(final int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toArray(String[]::new));
    }

    static int[] parseSizes(final String s, final NumberOption layer, final String what) throws InvalidSettingsException {
        try {
            int[] v = Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (v.length == 0 || Arrays.stream(v).anyMatch(x -> !layer.allows(x))) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(what + " must be layer sizes separated by commas, each " + layer.range()
                + ", e.g. 256,128; got '" + s + "'.");
        }
    }

    static <E extends Enum<E>> E parseEnum(final Class<E> type, final String value, final String what) throws InvalidSettingsException {
        return EnumSettings.parse(type, value, what);
    }

    @Override
    protected void validateCombination(final NodeSettingsRO s) throws InvalidSettingsException {
        parseSizes(s.getString(UserOptions.ENCODER_LAYER.key()), UserOptions.ENCODER_LAYER, "Encoder hidden layers");
        parseSizes(s.getString(UserOptions.DECODER_LAYER.key()), UserOptions.DECODER_LAYER, "Decoder hidden layers");
        Likelihood lik = parseEnum(Likelihood.class, s.getString("likelihood"), "likelihood");
        if (m_conditional) {
            parseEnum(WPrior.class, s.getString("w_prior"), "w prior");
        }
        if (lik.usesCounts() && s.getBoolean("input_normalized")) {
            throw new InvalidSettingsException("The " + lik + " likelihood models raw counts: connect the raw count table "
                + "and untick 'Input is already normalized' (the learner then normalises internally).");
        }
    }

    /**
     * Ticked 'already normalized': the Normalizer did everything and the model only remembers the genes. Unticked: the
     * same route as the command line's train, by the kind of values (counts: normalize_total, log1p, HVGs, scaling;
     * log-normalised: HVGs and scaling, no second log; scaled: as they are).
     */
    InputKind.Route route(final AnnData data) {
        if (m_inputNormalized.getBooleanValue()) {
            return new InputKind.Route(InputKind.AS_IS, PreprocessConfig.asIs(), "input: used as it is ('Input is already normalized')");
        }
        return InputKind.AUTO.resolve(data, m_nTopGenes.getIntValue());
    }

    ArchitectureOptions architecture() throws InvalidSettingsException {
        ArchitectureOptions.Builder a = A.toBuilder().zDim(m_zDim.getIntValue()).wDim(m_wDim.getIntValue())
            .encoderHidden(parseSizes(m_encoderHidden.getStringValue(), UserOptions.ENCODER_LAYER, "Encoder hidden layers"))
            .decoderHidden(parseSizes(m_decoderHidden.getStringValue(), UserOptions.DECODER_LAYER, "Decoder hidden layers"))
            .likelihood(parseEnum(Likelihood.class, m_likelihood.getStringValue(), "likelihood"))
            .alpha(m_alpha.getDoubleValue());
        if (m_components.getIntValue() > 0) {
            a.components(m_components.getIntValue());
        }
        if (m_conditional) {
            a.wPrior(parseEnum(WPrior.class, m_wPrior.getStringValue(), "w prior"));
        }
        return a.build();
    }

    TrainingConfig training() {
        return T.toBuilder().epochs(m_epochs.getIntValue()).batchSize(m_batchSize.getIntValue())
            .learningRate(m_learningRate.getDoubleValue()).warmupEpochs(m_warmup.getIntValue())
            .validationFraction(m_validation.getDoubleValue()).patience(m_patience.getIntValue()).seed(m_seed.getIntValue())
            .componentBalance(m_balance.getDoubleValue()).restarts(m_restarts.getIntValue()).build();
    }

    String labelColumn() {
        return ColumnChecks.isSet(m_labelColumn.getStringValue()) ? m_labelColumn.getStringValue() : null;
    }

    String conditionColumn() {
        return m_conditional ? m_conditionColumn.getStringValue() : null;
    }
}
