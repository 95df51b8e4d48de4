package org.scgmvae.core.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs reference scripts with the system Python (the Debian python3 with anndata/pandas/numpy/h5py).
 * Tests that need it skip themselves via {@code Assumptions} when the interpreter or a module is absent.
 */
public final class PythonSupport {

    private static final Map<String, Boolean> AVAILABLE = new HashMap<>();

    private PythonSupport() {
    }

    /** The interpreter: $SCGMVAE_PYTHON, else /usr/bin/python3, else python3 on the PATH. */
    public static String interpreter() {
        String env = System.getenv("SCGMVAE_PYTHON");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** True when the interpreter starts and can import every module. Cached per module list. */
    public static synchronized boolean hasModules(String... modules) {
        String key = String.join(",", modules);
        return AVAILABLE.computeIfAbsent(key, k -> {
            StringBuilder code = new StringBuilder("import sys\n");
            for (String m : modules) {
                code.append("import ").append(m).append('\n');
            }
            try {
                Process p = new ProcessBuilder(interpreter(), "-c", code.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /**
     * Writes {@code script} to {@code dir/name.py}, runs it with {@code dir} as working directory
     * and the given arguments, and returns its standard output. Fails (IllegalStateException with
     * the output) on a non-zero exit.
     */
    public static String run(Path dir, String name, String script, String... args) throws IOException, InterruptedException {
        Path file = dir.resolve(name + ".py");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>();
        cmd.add(interpreter());
        cmd.add(file.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PYTHONWARNINGS", "ignore");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(name + ".py timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(name + ".py failed with exit code " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
