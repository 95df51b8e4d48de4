package org.scgmvae.core.io;

import org.scgmvae.core.io.h5ad.H5adReader;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.scgmvae.core.data.AnnData;
import org.scgmvae.core.data.CategoricalColumn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every .h5ad in ../shared/data is read by our reader and by the real anndata package, and both
 * must agree on shape, names, obs columns and categories. Runs one test per file; none while the
 * folder holds no .h5ad.
 */
class SharedDataTest {

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everySharedH5adMatchesAnndata() throws Exception {
        Path dir = Path.of(System.getProperty("scgmvae.sharedData", "../shared/data"));
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(p -> p.toString().endsWith(".h5ad")).sorted().forEach(files::add);
            }
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> compare(f)));
    }

    private void compare(Path file) throws Exception {
        AnnData ours = new H5adReader(ReadOptions.defaults().withMakeGeneNamesUnique(true)).read(file);
        Assumptions.assumeTrue(PythonSupport.hasModules("anndata"), "python3-anndata is not installed");
        String out = PythonSupport.run(tmp, "describe", String.join("\n",
                "import anndata, sys, pandas as pd",
                "a = anndata.read_h5ad(sys.argv[1], backed='r')",
                "print(a.n_obs); print(a.n_vars); print(a.obs_names[0]); print(a.obs_names[-1])",
                "for c in a.obs.columns:",
                "    s = a.obs[c]",
                "    cats = '|'.join(map(str, s.cat.categories)) if isinstance(s.dtype, pd.CategoricalDtype) else ''",
                "    print(c + '\\t' + cats)"), file.toAbsolutePath().toString());
        List<String> lines = out.lines().toList();
        assertEquals(Integer.parseInt(lines.get(0)), ours.nCells(), "cells");
        assertEquals(Integer.parseInt(lines.get(1)), ours.nGenes(), "genes");
        assertEquals(lines.get(2), ours.cellNames()[0]);
        assertEquals(lines.get(3), ours.cellNames()[ours.nCells() - 1]);
        List<String> columns = new ArrayList<>();
        for (String l : lines.subList(4, lines.size())) {
            String[] parts = l.split("\t", -1);
            columns.add(parts[0]);
            if (!parts[1].isEmpty()) {
                CategoricalColumn c = ours.obs().categorical(parts[0]);
                assertEquals(List.of(parts[1].split("\\|")), c.categories(), "categories of " + parts[0]);
            }
        }
        assertEquals(columns, ours.obs().columnNames(), "obs columns");
    }
}
