package org.scgmvae.knime.node.reader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.util.FileUtil;
import org.scgmvae.knime.table.ExecutionProgress;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.ExpressionMatrix;
import org.scgmvae.core.io.DataReaders;
import org.scgmvae.core.io.h5ad.H5adReader;
import org.scgmvae.core.io.ReadOptions;
import org.scgmvae.core.preprocess.FittedPreprocessing;
import org.scgmvae.core.preprocess.HighlyVariableGenes;
import org.scgmvae.core.preprocess.PreprocessConfig;
import org.scgmvae.knime.node.ScGmvaeNodeModel;
import org.scgmvae.knime.table.AnnDataToTable;
import org.scgmvae.knime.table.GeneColumns;

/**
 * Reads .h5ad, 10x (folder or .h5) or CSV single-cell data into a table of cells; optionally keeps
 * only highly variable or listed genes, so that tables stay small enough for KNIME.
 */
final class ReaderNodeModel extends ScGmvaeNodeModel<ReaderSettings> {
    /** What {@link #announcedSpec} last computed, and for which file and settings. */
    private Object m_announcedKey;
    private DataTableSpec m_announced;

    ReaderNodeModel() {
        super(new PortType[0], new PortType[] {BufferedDataTable.TYPE}, new ReaderSettings());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        Path p = path();
        return new PortObjectSpec[] {announcedSpec(p)};
    }

    /**
     * The output columns, when they can be known without reading the data: for .h5ad files with all or
     * listed genes, from obs and var alone (so that the next nodes' dialogs can be used before this
     * node runs). Highly variable genes, CSV and 10x input: null, the columns are known after execution.
     */
    private DataTableSpec announcedSpec(final Path p) throws InvalidSettingsException {
        GeneSelection sel = m_settings.geneSelection();
        if (!p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".h5ad") || sel == GeneSelection.HVG) {
            return null;
        }
        // KNIME calls configure() on every change in the workflow: read obs and var again only when file or settings changed
        Object key;
        try {
            key = List.of(p.toAbsolutePath(), Files.getLastModifiedTime(p), Files.size(p), sel, m_settings.m_genes.getStringValue(),
                m_settings.m_useRaw.getBooleanValue(), m_settings.m_makeUnique.getBooleanValue());
        } catch (IOException e) {
            return null;
        }
        if (!key.equals(m_announcedKey)) {
            m_announcedKey = key;
            m_announced = readAnnouncedSpec(p, sel);
        }
        return m_announced;
    }

    private DataTableSpec readAnnouncedSpec(final Path p, final GeneSelection sel) {
        try {
            AnnData ann = new H5adReader(readOptions()).readAnnotations(p);
            String[] genes = sel == GeneSelection.LISTED ? listedPresent(ann.geneNames()) : ann.geneNames();
            return genes.length == 0 ? null : AnnDataToTable.spec(AnnDataToTable.obsColumns(ann), genes);
        } catch (IOException | RuntimeException e) {
            return null; // execute() reports the problem with its full message
        }
    }

    private String[] listedPresent(final String[] fileGenes) {
        java.util.Set<String> present = new java.util.HashSet<>(List.of(fileGenes));
        return GeneColumns.parseList(m_settings.m_genes.getStringValue()).stream().filter(present::contains).distinct()
            .toArray(String[]::new);
    }

    private ReadOptions readOptions() {
        String layer = m_settings.m_layer.getStringValue().trim();
        // read only the requested layer (none for X): ReadOptions.layers, not the CSV annotation columns
        return new ReadOptions(m_settings.m_makeUnique.getBooleanValue(), m_settings.m_useRaw.getBooleanValue(),
            layer.isEmpty() ? Set.of() : Set.of(layer));
    }

    private Path path() throws InvalidSettingsException {
        String f = m_settings.m_file.getStringValue();
        if (f == null || f.isBlank()) {
            throw new InvalidSettingsException("No input file selected. Choose an .h5ad file, a 10x folder or a CSV file.");
        }
        Path p;
        try {
            // also accepts file: and workflow-relative knime://knime.workflow/... URLs, as KNIME's readers do
            p = FileUtil.resolveToPath(FileUtil.toURL(f.trim()));
        } catch (IOException | URISyntaxException | InvalidPathException e) {
            throw new InvalidSettingsException("Cannot resolve input '" + f + "': " + e.getMessage(), e);
        }
        if (p == null) {
            throw new InvalidSettingsException("Input '" + f + "' is not a local file or folder (a Hub space or a remote connection): copy it to the local disk first, "
                + "e.g. with KNIME's Transfer Files node, and give the Reader the local path or a knime://knime.workflow/ URL.");
        }
        if (!Files.exists(p)) {
            throw new InvalidSettingsException("Input '" + p + "' does not exist.");
        }
        return p;
    }

    @Override
    protected PortObject[] executeNode(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        Path p = path();
        exec.setMessage("reading " + p.getFileName());
        String layer = m_settings.m_layer.getStringValue().trim();
        ReadOptions opts = readOptions();
        AnnData data;
        try {
            data = DataReaders.read(p, opts, GeneColumns.parseList(m_settings.m_csvAnnotations.getStringValue()),
                ExecutionProgress.of(exec.createSubProgress(0.3)));
        } catch (IOException | IllegalArgumentException e) {
            throw userError("Cannot read '" + p + "'", e);
        }
        exec.checkCanceled();
        exec.setMessage("read " + data.nCells() + " cells x " + data.nGenes() + " genes");
        if (!layer.isEmpty()) {
            ExpressionMatrix m = data.layers().get(layer);
            if (m == null) {
                throw new InvalidSettingsException("The file has no layer '" + layer + "'; layers: " + data.layers().keySet());
            }
            data = data.withX(m);
        }
        List<String> warnings = new ArrayList<>();
        try {
            data = selectGenes(data, warnings, ExecutionProgress.of(exec.createSubProgress(0.1)));
        } catch (IllegalArgumentException e) {
            throw userError("Cannot select genes", e);
        }
        exec.checkCanceled();
        AnnDataToTable.Result out = AnnDataToTable.write(data, exec.createSubExecutionContext(0.6));
        if (out.renamedRows() > 0) {
            warnings.add(out.renamedRows() + " duplicate cell names were made unique with a suffix (KNIME row IDs must be unique)");
        }
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join("; ", warnings));
        }
        return new PortObject[] {out.table()};
    }

    private static Map<String, Integer> positions(final String[] names) {
        Map<String, Integer> pos = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            pos.putIfAbsent(names[j], j);
        }
        return pos;
    }

    private AnnData selectGenes(final AnnData data, final List<String> warnings, final Progress progress)
        throws InvalidSettingsException {
        GeneSelection sel = m_settings.geneSelection();
        if (sel == GeneSelection.HVG) {
            int n = m_settings.m_nTopGenes.getIntValue();
            if (n >= data.nGenes()) {
                return data;
            }
            // rank genes with the core pipeline (median normalize_total, log1p, seurat HVG) but keep the raw values
            PreprocessConfig rank = PreprocessConfig.asIs().toBuilder().normalizeTotal(true).log1p(true)
                .hvgFlavor(HighlyVariableGenes.Flavor.SEURAT).nTopGenes(n).build();
            Map<String, Integer> pos = positions(data.geneNames());
            return data.selectGenes(Arrays.stream(FittedPreprocessing.fit(data, rank, progress).preprocessing().selectedGenes())
                .mapToInt(pos::get).toArray());
        }
        if (sel == GeneSelection.LISTED) {
            Map<String, Integer> pos = positions(data.geneNames());
            List<Integer> idx = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String g : GeneColumns.parseList(m_settings.m_genes.getStringValue())) {
                Integer j = pos.get(g);
                if (j == null) {
                    missing.add(g);
                } else {
                    idx.add(j);
                }
            }
            if (idx.isEmpty()) {
                throw new InvalidSettingsException("None of the listed genes is in the file (e.g. '" + missing.get(0) + "').");
            }
            if (!missing.isEmpty()) {
                warnings.add(missing.size() + " listed genes are not in the file: "
                    + (missing.size() <= 10 ? missing : missing.subList(0, 10) + " ..."));
            }
            return data.selectGenes(idx.stream().mapToInt(Integer::intValue).toArray());
        }
        return data;
    }
}
