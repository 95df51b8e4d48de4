package org.scgmvae.core.preprocess;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.data.synthetic.SimulatedCounts;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.train.ModelTrainer;
import org.scgmvae.core.train.TrainingConfig;
import org.scgmvae.core.train.TrainingListener;
import org.scgmvae.core.train.TrainingRequest;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log-normalised input fed to the normalising pipeline is reported, raw and estimated counts are not. */
class LogTransformedCheckTest {

    private static final AnnData COUNTS = SimulatedCounts.generate(SimulatedCounts.Spec.defaults().withShape(300, 200));

    /** As published files (scGen's Kang data): log1p of counts per 10^4 in X, no counts layer. */
    private static AnnData logNormalised() {
        return new AnnData(Log1p.apply(NormalizeTotal.apply(COUNTS.x(), 1e4)), COUNTS.obs(), COUNTS.var());
    }

    @Test
    void rawCountsPassSilently() {
        assertNull(LogTransformedCheck.warning(COUNTS.x()));
        assertTrue(FittedPreprocessing.fit(COUNTS, PreprocessConfig.defaults()).warnings().isEmpty());
    }

    @Test
    void estimatedCountsAreNotMistakenForLogValues() {
        // salmon/kallisto-style: fractional, but on the scale of counts
        float[] v = new float[COUNTS.nCells() * COUNTS.nGenes()];
        float[] row = new float[COUNTS.nGenes()];
        for (int i = 0; i < COUNTS.nCells(); i++) {
            COUNTS.x().row(i, row);
            for (int j = 0; j < row.length; j++) {
                v[i * row.length + j] = row[j] * 1.37f;
            }
        }
        assertNull(LogTransformedCheck.warning(new DenseMatrix(COUNTS.nCells(), COUNTS.nGenes(), v)));
    }

    @Test
    void scaledValuesGivenToAModelOfLogNormalisedValuesAreNamed() {
        AnnData log = logNormalised();
        PreprocessConfig route = InputKind.AUTO.resolve(log, InputKind.DEFAULT_TOP_GENES).config();
        FittedPreprocessing pre = FittedPreprocessing.fit(log, route).preprocessing();
        assertNull(pre.apply(log).notes().unitsMismatch(), "the training units pass silently");
        // scanpy's sc.pp.scale: every gene centred (and divided by its sd), about half of the values below 0
        DenseMatrix dense = DenseMatrix.copyOf(log.x());
        float[] v = dense.values();
        int genes = log.nGenes();
        for (int j = 0; j < genes; j++) {
            double mean = 0;
            for (int i = 0; i < log.nCells(); i++) {
                mean += v[i * genes + j];
            }
            mean /= log.nCells();
            for (int i = 0; i < log.nCells(); i++) {
                v[i * genes + j] -= (float) mean;
            }
        }
        String said = pre.apply(new AnnData(dense, log.obs(), log.var())).notes().unitsMismatch();
        assertNotNull(said);
        assertTrue(said.startsWith("the model was trained on log-normalised values (none below 0), but "), said);
        assertTrue(said.endsWith("Give the log-normalised values (often in raw: --use-raw, or a layer)"), said);
    }

    @Test
    void logNormalisedValuesAreReportedByTheFitAndByTraining() {
        String w = LogTransformedCheck.warning(logNormalised().x());
        assertNotNull(w);
        assertTrue(w.startsWith("the values to normalise look log-transformed already"), w);
        assertEquals(List.of(w), FittedPreprocessing.fit(logNormalised(), PreprocessConfig.defaults()).warnings());
        // switching normalisation off (as for data that is normalised already) silences it
        assertTrue(FittedPreprocessing.fit(logNormalised(), PreprocessConfig.alreadyNormalized()).warnings().isEmpty());

        List<String> seen = new ArrayList<>();
        ModelTrainer.train(TrainingRequest.of(logNormalised()).withTraining(TrainingConfig.defaults().withEpochs(1)),
                new TrainingListener() {
                    @Override
                    public void onWarning(String message) {
                        seen.add(message);
                    }
                }, CancellationToken.NEVER);
        // the one warning about the values (the default K=20 on this toy data also reports unused components)
        assertEquals(List.of(w), seen.stream().filter(m -> m.contains("log-transformed")).toList());
    }
}
