package org.scgmvae.core.train;

import org.junit.jupiter.api.Test;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;
import org.scgmvae.core.data.synthetic.ToyBlobs;
import org.scgmvae.core.task.CancellationToken;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labels written as text 'nan' (pandas' astype(str) of NaN) are missing labels, not a type; 'None' stays a group. */
class MissingAsTextTest {

    @Test
    void nanWrittenAsTextIsNoLabelButNoneIs() {
        AnnData toy = ToyBlobs.generate(30, 1);
        String[] labels = new String[toy.nCells()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10 == 0 ? "nan" : i % 10 == 1 ? " NA " : toy.obs().column("cell_type").stringValue(i).equals("class0") ? "None"
                    : toy.obs().column("cell_type").stringValue(i);
        }
        AnnData data = toy.withObs(toy.obs().withColumn("type", CategoricalColumn.fromStrings(labels)));
        List<String> warnings = new ArrayList<>();
        ModelTrainer.Outcome out = ModelTrainer.train(ToyModelFixture.request(data, 1).withLabels("type").withEvaluation(null)
                        .withArchitecture(ToyModelFixture.request(data, 1).architecture().withComponents(0))
                        .withTraining(ToyModelFixture.request(data, 1).training().withEpochs(1)),
                new TrainingListener() {
                    @Override
                    public void onWarning(String message) {
                        warnings.add(message);
                    }
                }, CancellationToken.NEVER);
        List<String> names = out.model().labelNames();
        assertFalse(names.contains("nan") || names.contains(" NA "), "no type named like a missing value: " + names);
        assertTrue(names.contains("None"), "'None' may name a real group: " + names);
        assertEquals(5, names.size(), names.toString());
        int missing = labels.length / 10 * 2;
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(missing + " cells of obs column 'type' hold ' NA ', 'nan', read as missing labels")),
                warnings.toString());
    }
}
