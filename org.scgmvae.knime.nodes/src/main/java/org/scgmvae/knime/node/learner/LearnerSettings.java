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
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.preprocess.InputKind;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.knime.node.EnumSettings;
import org.scgmvae.core.train.ArchitectureOptions;
import org.scgmvae.core.train.TrainingConfig;
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
    final SettingsModelIntegerBounded m_nTopGenes = add(new SettingsModelIntegerBounded("n_top_genes", 2000, 0, 1_000_000));
    final SettingsModelIntegerBounded m_components = add(new SettingsModelIntegerBounded("components", 0, 0, 10_000));
    final SettingsModelIntegerBounded m_zDim = add(new SettingsModelIntegerBounded("z_dim", A.zDim(), 1, 4096));
    final SettingsModelIntegerBounded m_wDim = add(new SettingsModelIntegerBounded("w_dim", A.wDim(), 1, 4096));
    final SettingsModelString m_encoderHidden = add(new SettingsModelString("encoder_hidden", join(A.encoderHidden())));
    final SettingsModelString m_decoderHidden = add(new SettingsModelString("decoder_hidden", join(A.decoderHidden())));
    final SettingsModelString m_likelihood = add(new SettingsModelString("likelihood", A.likelihood().name()));
    final SettingsModelDoubleBounded m_alpha = add(new SettingsModelDoubleBounded("alpha", A.alpha(), 1e-6, 1e6));
    final SettingsModelIntegerBounded m_epochs = add(new SettingsModelIntegerBounded("epochs", T.epochs(), 1, 1_000_000));
    final SettingsModelIntegerBounded m_batchSize = add(new SettingsModelIntegerBounded("batch_size", T.batchSize(), 2, 1 << 20));
    final SettingsModelDoubleBounded m_learningRate = add(new SettingsModelDoubleBounded("learning_rate", T.learningRate(), 1e-9, 10));
    final SettingsModelIntegerBounded m_warmup = add(new SettingsModelIntegerBounded("warmup_epochs", T.warmupEpochs(), 0, 1_000_000));
    final SettingsModelDoubleBounded m_validation = add(new SettingsModelDoubleBounded("validation_fraction", T.validationFraction(), 0, 0.9));
    final SettingsModelIntegerBounded m_patience = add(new SettingsModelIntegerBounded("patience", T.patience(), 0, 1_000_000));
    final SettingsModelIntegerBounded m_seed = add(new SettingsModelIntegerBounded("seed", (int)T.seed(), Integer.MIN_VALUE, Integer.MAX_VALUE));
    final SettingsModelBoolean m_guided = add(new SettingsModelBoolean("guided_leiden", false));
    final SettingsModelDoubleBounded m_balance = addOptional("component_balance",
        new SettingsModelDoubleBounded("component_balance", T.componentBalance(), 0, 100));
    final SettingsModelIntegerBounded m_restarts = addOptional("restarts",
        new SettingsModelIntegerBounded("restarts", T.restarts(), 1, 1000));

    LearnerSettings(final boolean conditional) {
        m_conditional = conditional;
        m_conditionColumn = conditional ? add(new SettingsModelString("condition_column", "")) : null;
        m_wPrior = conditional ? add(new SettingsModelString("w_prior", WPrior.STANDARD_NORMAL.name())) : null;
    }

    static String join(final int[] sizes) {
        return String.join(",", Arrays.stream(sizes).mapToObj(Integer::toString).toArray(String[]::new));
    }

    static int[] parseSizes(final String s, final String what) throws InvalidSettingsException {
        try {
            int[] v = Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).mapToInt(Integer::parseInt).toArray();
            if (v.length == 0 || Arrays.stream(v).anyMatch(x -> x < 1)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidSettingsException(what + " must be positive layer sizes separated by commas, e.g. 256,128; got '" + s + "'.");
        }
    }

    static <E extends Enum<E>> E parseEnum(final Class<E> type, final String value, final String what) throws InvalidSettingsException {
        return EnumSettings.parse(type, value, what);
    }

    @Override
    protected void validateCombination(final NodeSettingsRO s) throws InvalidSettingsException {
        parseSizes(s.getString("encoder_hidden"), "Encoder hidden layers");
        parseSizes(s.getString("decoder_hidden"), "Decoder hidden layers");
        Likelihood lik = parseEnum(Likelihood.class, s.getString("likelihood"), "likelihood");
        if (m_conditional) {
            parseEnum(WPrior.class, s.getString("w_prior"), "w prior");
        }
        if (lik.usesCounts() && s.getBoolean("input_normalized")) {
            throw new InvalidSettingsException("The " + lik + " likelihood models raw counts: connect the raw count table "
                + "and untick 'Input is already normalized' (the learner then normalises internally).");
        }
        if (s.getBoolean("guided_leiden") && ColumnChecks.isSet(s.getString("label_column"))) {
            throw new InvalidSettingsException("Leiden-guided training is for data without labels; clear the label column or untick it.");
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
        ArchitectureOptions a = A.withLatentDims(m_zDim.getIntValue(), m_wDim.getIntValue())
            .withHidden(parseSizes(m_encoderHidden.getStringValue(), "Encoder hidden layers"),
                parseSizes(m_decoderHidden.getStringValue(), "Decoder hidden layers"))
            .withLikelihood(parseEnum(Likelihood.class, m_likelihood.getStringValue(), "likelihood"))
            .withAlpha(m_alpha.getDoubleValue());
        if (m_components.getIntValue() > 0) {
            a = a.withComponents(m_components.getIntValue());
        }
        if (m_conditional) {
            a = a.withWPrior(parseEnum(WPrior.class, m_wPrior.getStringValue(), "w prior"));
        }
        return a;
    }

    TrainingConfig training() {
        return T.withEpochs(m_epochs.getIntValue()).withBatchSize(m_batchSize.getIntValue())
            .withLearningRate(m_learningRate.getDoubleValue()).withWarmup(m_warmup.getIntValue())
            .withValidation(m_validation.getDoubleValue(), m_patience.getIntValue()).withSeed(m_seed.getIntValue())
            .withComponentBalance(m_balance.getDoubleValue()).withRestarts(m_restarts.getIntValue());
    }

    String labelColumn() {
        return ColumnChecks.isSet(m_labelColumn.getStringValue()) ? m_labelColumn.getStringValue() : null;
    }

    String conditionColumn() {
        return m_conditional ? m_conditionColumn.getStringValue() : null;
    }
}
