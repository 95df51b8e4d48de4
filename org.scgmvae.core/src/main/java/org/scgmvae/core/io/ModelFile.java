package org.scgmvae.core.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.scgmvae.core.model.ComponentStyles;
import org.scgmvae.core.model.ConditionShift;
import org.scgmvae.core.model.GmvaeConfig;
import org.scgmvae.core.model.GmvaeModule;
import org.scgmvae.core.model.GmvaeParameters;
import org.scgmvae.core.model.TrainedModel;
import org.scgmvae.core.nn.Nd4jLoader;
import org.scgmvae.core.preprocess.FittedPreprocessing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * One-file model format (.scgmvae, a zip):
 * <ul>
 *   <li>{@code format.json}: format name, version, CRC32 of the parameter bytes;</li>
 *   <li>{@code config.json}: the architecture ({@link GmvaeConfig});</li>
 *   <li>{@code metadata.json}: label, component and condition names, columns, training summary;</li>
 *   <li>{@code preprocessing.json}: the fitted preprocessing (absent when none);</li>
 *   <li>{@code parameters.json} + {@code parameters.f32}: names/shapes and the raw float32
 *       little-endian values, so a loaded model predicts bit-identically.</li>
 * </ul>
 * Files written by a newer format version, and damaged files, are rejected with a clear message.
 */
public final class ModelFile {

    public static final String FORMAT = "scgmvae-model";
    public static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFile() {
    }

    /** Serialises to bytes (also what KNIME's port object stores). */
    public static byte[] toBytes(TrainedModel model) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        write(model, bos);
        return bos.toByteArray();
    }

    public static void save(TrainedModel model, Path file) throws IOException {
        // complete or not at all: a failure or an interrupt never replaces a good model with a broken one
        AtomicFile.write(file, partial -> {
            try (OutputStream out = Files.newOutputStream(partial)) {
                write(model, out);
            }
        });
    }

    public static void write(TrainedModel model, OutputStream out) throws IOException {
        GmvaeParameters params = model.module().parameters();
        float[] values = params.flat().dup('c').data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        byte[] paramBytes = buf.array();
        CRC32 crc = new CRC32();
        crc.update(paramBytes);

        ZipOutputStream zip = new ZipOutputStream(out);
        ObjectNode format = JSON.createObjectNode();
        format.put("format", FORMAT);
        format.put("version", VERSION);
        format.put("parametersCrc32", crc.getValue());
        put(zip, "format.json", JSON.writeValueAsBytes(format));
        put(zip, "config.json", JSON.writeValueAsBytes(model.config()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("labelNames", model.labelNames());
        meta.put("componentLabels", model.componentLabels());
        meta.put("conditionNames", model.conditionNames());
        meta.put("labelColumn", model.labelColumn());
        meta.put("conditionColumn", model.conditionColumn());
        meta.put("referenceLibrarySize", model.referenceLibrarySize());
        meta.put("summary", model.summary());
        if (model.styles() != null) {
            Map<String, Object> styles = new LinkedHashMap<>();
            styles.put("means", model.styles().means());
            styles.put("cholesky", model.styles().cholesky());
            styles.put("cells", model.styles().cells());
            meta.put("componentStyles", styles);
        }
        if (model.shifts() != null) {
            Map<String, Object> shifts = new LinkedHashMap<>();
            shifts.put("means", model.shifts().means());
            shifts.put("cells", model.shifts().cells());
            meta.put("conditionShifts", shifts);
        }
        put(zip, "metadata.json", JSON.writeValueAsBytes(meta));
        if (model.preprocessing() != null) {
            put(zip, "preprocessing.json", model.preprocessing().toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        List<ParameterEntry> index = new ArrayList<>();
        params.arrays().forEach((name, arr) -> index.add(new ParameterEntry(name, arr.shape())));
        put(zip, "parameters.json", JSON.writeValueAsBytes(index));
        put(zip, "parameters.f32", paramBytes);
        zip.finish();
        zip.flush();
    }

    /** One array of parameters.json, its fields in this order in every JVM (Map.of's order changes from one JVM to the next). */
    private record ParameterEntry(String name, long[] shape) {
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    public static TrainedModel load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataFileException(file, null, "is a folder, not a model file (give the .scgmvae file that 'train' wrote)");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, null, "model file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        }
    }

    public static TrainedModel fromBytes(byte[] bytes) throws IOException {
        return read(new java.io.ByteArrayInputStream(bytes), null);
    }

    /** @param file only used in error messages (may be null) */
    public static TrainedModel read(InputStream in, Path file) throws IOException {
        Nd4jLoader.useLibraryClassLoader(); // restoring a model may be the first use of ND4J (KNIME: a workflow opening)
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new DataFileException(file, null, "not a readable sc*GMVAE model (damaged zip: " + e.getMessage() + ")", e);
        }
        byte[] formatBytes = entries.get("format.json");
        if (formatBytes == null) {
            throw new DataFileException(file, null, "not an sc*GMVAE model file (no format.json inside)");
        }
        JsonNode format = tree(formatBytes, "format.json", file);
        if (!FORMAT.equals(format.path("format").asText())) {
            throw new DataFileException(file, "format.json", "not an sc*GMVAE model file (format '" + format.path("format").asText() + "')");
        }
        int version = format.path("version").asInt(-1);
        if (version > VERSION) {
            throw new DataFileException(file, "format.json", "model file format version " + version
                    + " is newer than this sc*GMVAE supports (" + VERSION + "); update sc*GMVAE to read it");
        }
        if (version < 1) {
            throw new DataFileException(file, "format.json", "invalid format version " + version);
        }
        try {
            GmvaeConfig config = JSON.treeToValue(tree(require(entries, "config.json", file), "config.json", file), GmvaeConfig.class);
            JsonNode meta = tree(require(entries, "metadata.json", file), "metadata.json", file);
            byte[] paramBytes = require(entries, "parameters.f32", file);
            CRC32 crc = new CRC32();
            crc.update(paramBytes);
            if (crc.getValue() != format.path("parametersCrc32").asLong()) {
                throw new DataFileException(file, "parameters.f32", "checksum mismatch: the model file is corrupted");
            }
            JsonNode index = tree(require(entries, "parameters.json", file), "parameters.json", file);
            float[] values = new float[paramBytes.length / 4];
            ByteBuffer.wrap(paramBytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            Map<String, INDArray> arrays = new LinkedHashMap<>();
            int off = 0;
            for (JsonNode p : index) {
                long[] shape = JSON.convertValue(p.get("shape"), long[].class);
                int len = 1;
                for (long d : shape) {
                    len *= (int) d;
                }
                if (off + len > values.length) {
                    throw new DataFileException(file, "parameters.f32", "too short for the parameters listed in parameters.json");
                }
                float[] v = java.util.Arrays.copyOfRange(values, off, off + len);
                arrays.put(p.get("name").asText(), Nd4j.create(v, shape, 'c'));
                off += len;
            }
            GmvaeParameters params = GmvaeParameters.of(config, arrays);
            FittedPreprocessing pre = null;
            if (entries.containsKey("preprocessing.json")) {
                tree(entries.get("preprocessing.json"), "preprocessing.json", file); // names a damaged entry before its fields are read
                pre = FittedPreprocessing.fromJson(new String(entries.get("preprocessing.json"), java.nio.charset.StandardCharsets.UTF_8));
            }
            List<String> labelNames = JSON.convertValue(meta.get("labelNames"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            List<String> compLabels = JSON.convertValue(meta.get("componentLabels"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            List<String> conditions = JSON.convertValue(meta.get("conditionNames"), JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            TrainedModel.TrainingSummary summary = JSON.convertValue(meta.get("summary"), TrainedModel.TrainingSummary.class);
            return new TrainedModel(new GmvaeModule(config, params), labelNames, compLabels, conditions, pre,
                    meta.path("labelColumn").isNull() ? null : meta.path("labelColumn").asText(null),
                    meta.path("conditionColumn").isNull() ? null : meta.path("conditionColumn").asText(null),
                    meta.path("referenceLibrarySize").asDouble(0), summary, styles(meta.get("componentStyles"), config, file),
                    shifts(meta.get("conditionShifts"), config, conditions.size(), file));
        } catch (DataFileException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new DataFileException(file, null, "invalid model file: " + e.getMessage(), e);
        }
    }

    /** One JSON entry of the zip; a damaged one is named with where its text stops being JSON (not the parser's own report). */
    private static JsonNode tree(byte[] bytes, String entry, Path file) throws DataFileException {
        try {
            return JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new DataFileException(file, entry, "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": the model file is damaged (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new DataFileException(file, entry, "unreadable: " + e.getMessage(), e);
        }
    }

    /** The component styles of a model file, or null for files written before they existed. */
    private static ComponentStyles styles(JsonNode node, GmvaeConfig config, Path file) throws DataFileException {
        if (node == null || node.isNull()) {
            return null;
        }
        ComponentStyles s = new ComponentStyles(JSON.convertValue(node.get("means"), double[][].class),
                JSON.convertValue(node.get("cholesky"), double[][].class), JSON.convertValue(node.get("cells"), int[].class));
        for (int k = 0; k < s.nComponents(); k++) {
            if (s.has(k) && (s.means()[k].length != config.wDim() || s.cholesky()[k].length != config.wDim() * config.wDim())) {
                throw new DataFileException(file, "metadata.json", "component styles do not match the model's w dimension "
                        + config.wDim() + " (component " + k + ")");
            }
        }
        if (s.nComponents() != config.nComponents()) {
            throw new DataFileException(file, "metadata.json", "component styles for " + s.nComponents() + " components, the model has "
                    + config.nComponents());
        }
        return s;
    }

    /** The condition shifts in z of a model file, or null for a GMVAE and for files written before they existed. */
    private static ConditionShift shifts(JsonNode node, GmvaeConfig config, int nConditions, Path file) throws DataFileException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.hasNonNull("means") || !node.hasNonNull("cells")) {
            throw new DataFileException(file, "metadata.json", "condition shifts without their means or cell counts");
        }
        ConditionShift s = new ConditionShift(JSON.convertValue(node.get("means"), double[][][].class),
                JSON.convertValue(node.get("cells"), int[][].class));
        if (s.nComponents() != config.nComponents()) {
            throw new DataFileException(file, "metadata.json", "condition shifts for " + s.nComponents() + " components, the model has "
                    + config.nComponents());
        }
        for (int k = 0; k < s.nComponents(); k++) {
            if (s.means()[k].length != nConditions) {
                throw new DataFileException(file, "metadata.json", "condition shifts for " + s.means()[k].length
                        + " conditions (component " + k + "), the model has " + nConditions);
            }
            for (double[] m : s.means()[k]) {
                if (m != null && m.length != config.zDim()) {
                    throw new DataFileException(file, "metadata.json", "condition shifts do not match the model's z dimension "
                            + config.zDim() + " (component " + k + ")");
                }
            }
        }
        return s;
    }

    private static byte[] require(Map<String, byte[]> entries, String name, Path file) throws DataFileException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new DataFileException(file, name, "missing from the model file");
        }
        return b;
    }
}
