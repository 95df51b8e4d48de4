package org.scgmvae.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/** Issue 15 F5: with both ND4J backends installed, ND4J sees only the one the user chose. */
class OneBackendClassLoaderTest {

    @TempDir
    Path dir;

    /** A class path folder with a backend service file naming this provider (under a licence header, as ND4J's). */
    private URL backendJar(String name, String provider) throws Exception {
        Path services = dir.resolve(name).resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("org.nd4j.linalg.factory.Nd4jBackend"), "#\n# licence\n#\n\n" + provider + "\n");
        return dir.resolve(name).toUri().toURL();
    }

    private List<URL> seen(ClassLoader classPath, Nd4jLoader.Backend chosen) throws Exception {
        return Collections.list(new OneBackendClassLoader(classPath, chosen).getResources(OneBackendClassLoader.BACKEND_SERVICE));
    }

    @Test
    void bothInstalledShowsOnlyTheChosenOne() throws Exception {
        URL cpu = backendJar("nd4j-native", Nd4jLoader.Backend.CPU.providerClass);
        URL cuda = backendJar("nd4j-cuda", Nd4jLoader.Backend.CUDA.providerClass);
        try (URLClassLoader both = new URLClassLoader(new URL[] {cuda, cpu}, null)) {
            assertEquals(2, Collections.list(both.getResources(OneBackendClassLoader.BACKEND_SERVICE)).size());
            List<URL> forCpu = seen(both, Nd4jLoader.Backend.CPU);
            assertEquals(1, forCpu.size());
            assertTrue(forCpu.get(0).toString().contains("nd4j-native"), forCpu.toString());
            List<URL> forCuda = seen(both, Nd4jLoader.Backend.CUDA);
            assertEquals(1, forCuda.size());
            assertTrue(forCuda.get(0).toString().contains("nd4j-cuda"), forCuda.toString());
            // other resources pass through untouched
            assertEquals(Collections.list(both.getResources("META-INF/services")).size(),
                Collections.list(new OneBackendClassLoader(both, Nd4jLoader.Backend.CPU).getResources("META-INF/services")).size());
        }
    }

    @Test
    void theOnlyInstalledBackendIsUsedButCudaIsNeverReplacedSilently() throws Exception {
        try (URLClassLoader cudaOnly = new URLClassLoader(new URL[] {backendJar("cuda-only", Nd4jLoader.Backend.CUDA.providerClass)}, null)) {
            assertEquals(1, seen(cudaOnly, Nd4jLoader.Backend.CPU).size(), "a -Pcuda build runs on CUDA with the default setting");
        }
        try (URLClassLoader cpuOnly = new URLClassLoader(new URL[] {backendJar("cpu-only", Nd4jLoader.Backend.CPU.providerClass)}, null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> seen(cpuOnly, Nd4jLoader.Backend.CUDA));
            assertTrue(e.getMessage().contains("-Dscgmvae.backend=cuda") && e.getMessage().contains("CUDA backend is not installed"),
                e.getMessage());
        }
    }

    @Test
    void ourClassPathGivesNd4jItsCpuBackend() {
        ServiceLoader<Nd4jBackend> backends = ServiceLoader.load(Nd4jBackend.class,
            new OneBackendClassLoader(Nd4j.class.getClassLoader(), Nd4jLoader.Backend.CPU));
        List<String> names = backends.stream().map(p -> p.type().getName()).toList();
        assertEquals(List.of(Nd4jLoader.Backend.CPU.providerClass), names);
    }

    @Test
    void anUnknownBackendIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jLoader.Backend.parse("gpu"));
        assertEquals("-Dscgmvae.backend=gpu is not a backend; use cpu or cuda", e.getMessage());
        assertEquals(Nd4jLoader.Backend.CUDA, Nd4jLoader.Backend.parse(" CUDA "));
    }
}
