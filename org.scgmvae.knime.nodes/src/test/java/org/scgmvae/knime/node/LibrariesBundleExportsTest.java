package org.scgmvae.knime.node;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In KNIME the nodes see only the packages that the libraries bundle exports (Require-Bundle), while these JUnit tests
 * see the whole class path: a core package the nodes use but the bundle does not export runs here and fails in KNIME
 * with a NoClassDefFoundError. So the export list is checked against the nodes' own sources, and against what the
 * bundle should not ship as API (the CLI, the benchmarks, the plotting report whose library is not in the bundle).
 */
class LibrariesBundleExportsTest {

    private static final Path NODES_SOURCES = Path.of("src/main/java");
    private static final Path LIBS_POM = Path.of("../org.scgmvae.knime.libs/pom.xml");
    private static final Path CORE_SOURCES = Path.of("../org.scgmvae.core/src/main/java");
    private static final Pattern CORE_TYPE = Pattern.compile("org\\.scgmvae\\.core\\.([a-z0-9.]+)\\.[A-Z]");

    @Test
    void everyCorePackageTheNodesUseIsExported() throws IOException {
        Set<String> exported = exported();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(NODES_SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = CORE_TYPE.matcher(Files.readString(f));
                while (m.find()) {
                    used.add("org.scgmvae.core." + m.group(1));
                }
            }
        }
        assertTrue(used.size() > 3, "the scan found the nodes' core imports: " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "used by the nodes but not exported by org.scgmvae.knime.libs (libs.exported)");
    }

    @Test
    void theBundleExportsOnlyLibraryPackagesThatExist() throws IOException {
        for (String p : exported()) {
            assertTrue(Files.isDirectory(CORE_SOURCES.resolve(p.replace('.', '/'))), "exported package " + p + " has no sources");
        }
        // the bundle embeds the core library whole: the command line, its report and the benchmarks live in their own modules
        for (String app : new String[] {"cli", "report", "bench"}) {
            assertTrue(!Files.exists(CORE_SOURCES.resolve("org/scgmvae/core/" + app)), "org.scgmvae.core." + app
                    + " is back in the core library, which the KNIME bundle ships");
        }
    }

    private static Set<String> exported() throws IOException {
        Matcher m = Pattern.compile("<libs.exported>([^<]*)</libs.exported>").matcher(Files.readString(LIBS_POM));
        assertTrue(m.find(), "libs.exported in " + LIBS_POM);
        return Arrays.stream(m.group(1).split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The libraries bundle takes SLF4J from KNIME instead of nesting slf4j-api with a no-op binding, so that ND4J's
     * messages reach the KNIME log (review F15). Read from the built bundle on this module's class path.
     */
    @Test
    void librariesBundleLogsThroughKnimesSlf4j() throws Exception {
        // the bundle as Maven put it on this class path: its jar (verify, install), or in a reactor `mvn test` its
        // target/classes folder, whose manifest the build writes to target/osgi
        Path built = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).map(Path::of)
            .filter(p -> p.getFileName().toString().startsWith("org.scgmvae.knime.libs")
                || p.endsWith(Path.of("org.scgmvae.knime.libs", "target", "classes")))
            .findFirst().orElseThrow(() -> new AssertionError("the libraries bundle is a dependency of this module"));
        java.util.jar.Manifest manifest;
        List<String> nested;
        if (Files.isDirectory(built)) {
            try (InputStream in = Files.newInputStream(built.resolveSibling("osgi").resolve("MANIFEST.MF"))) {
                manifest = new java.util.jar.Manifest(in);
            }
            try (Stream<Path> lib = Files.list(built.resolve("lib"))) {
                nested = lib.map(p -> "lib/" + p.getFileName()).toList();
            }
        } else {
            try (java.util.jar.JarFile f = new java.util.jar.JarFile(built.toFile())) {
                manifest = f.getManifest();
                nested = f.stream().map(java.util.jar.JarEntry::getName).filter(n -> n.startsWith("lib/")).toList();
            }
        }
        java.util.jar.Attributes a = manifest.getMainAttributes();
        assertEquals("org.slf4j;version=\"[1.7.0,3.0.0)\"", a.getValue("Import-Package"));
        String classPath = a.getValue("Bundle-ClassPath");
        assertTrue(classPath.contains("lib/nd4j-api.jar"), classPath);
        assertFalse(classPath.contains("slf4j"), classPath);
        assertTrue(nested.contains("lib/nd4j-api.jar") && nested.stream().noneMatch(n -> n.startsWith("lib/slf4j")), "nested jars: " + nested);
    }
}
