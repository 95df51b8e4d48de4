package org.scgmvae.knime.node.encoder;

import org.scgmvae.core.task.Progress;
import org.scgmvae.core.embed.Umap;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.def.DoubleCell;
import org.scgmvae.core.data.DenseMatrix;
import org.scgmvae.core.infer.InferenceInput;
import org.scgmvae.core.infer.LatentEncoder;
import org.scgmvae.knime.node.ModelApplierNodeModel;
import org.scgmvae.knime.port.ModelPortObject;
import org.scgmvae.knime.port.ModelPortObjectSpec;
import org.scgmvae.knime.table.TableBuilder;

/** Appends the latent coordinates z_0.. (and w_0..) of every cell: the means of q(z|x), q(w|x) or draws from them. */
final class EncoderNodeModel extends ModelApplierNodeModel<EncoderSettings> {
    EncoderNodeModel() {
        super(new EncoderSettings());
    }

    @Override
    protected List<DataColumnSpec> newColumns(final ModelPortObjectSpec model) {
        List<DataColumnSpec> cols = new ArrayList<>();
        for (int j = 0; j < model.getZDim(); j++) {
            cols.add(TableBuilder.column("z_" + j, DoubleCell.TYPE));
        }
        for (int j = 0; m_settings.m_includeW.getBooleanValue() && j < model.getWDim(); j++) {
            cols.add(TableBuilder.column("w_" + j, DoubleCell.TYPE));
        }
        if (m_settings.m_umap.getBooleanValue()) {
            cols.add(TableBuilder.column("umap_1", DoubleCell.TYPE));
            cols.add(TableBuilder.column("umap_2", DoubleCell.TYPE));
        }
        return cols;
    }

    @Override
    protected TableBuilder.RowCells compute(final ModelPortObject model, final InferenceInput input, final Progress progress) {
        boolean withUmap = m_settings.m_umap.getBooleanValue();
        LatentEncoder.Latents lat = LatentEncoder.encode(model.getModel(), input.input(), m_settings.m_sample.getBooleanValue(),
            m_settings.m_seed.getIntValue(), progress.sub(0, withUmap ? 0.2 : 1));
        DenseMatrix z = lat.z();
        DenseMatrix w = lat.w();
        int dz = z.nGenes();
        int dw = m_settings.m_includeW.getBooleanValue() ? w.nGenes() : 0;
        // the 2-D picture of z that scanpy users know, for KNIME's Scatter Plot
        DenseMatrix umap = withUmap ? Umap.defaults().withSeed(m_settings.m_seed.getIntValue()).embed(z, progress.sub(0.2, 1)) : null;
        int du = umap == null ? 0 : 2;
        return r -> {
            DataCell[] c = new DataCell[dz + dw + du];
            if (du > 0) {
                System.arraycopy(TableBuilder.doubles(umap.values(), r * 2, 2), 0, c, dz + dw, 2);
            }
            System.arraycopy(TableBuilder.doubles(z.values(), r * dz, dz), 0, c, 0, dz);
            if (dw > 0) {
                System.arraycopy(TableBuilder.doubles(w.values(), r * dw, dw), 0, c, dz, dw);
            }
            return c;
        };
    }
}
