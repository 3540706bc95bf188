package dev.contractgate.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds the learned model: {@code label-model.bin} in the analysis folder, else the one bundled in the jar. */
final class ModelFile {
    private ModelFile() {
    }

    /** The model, or null when neither the folder nor the jar has one (the rules alone then decide). */
    static LabelModel load(Path folder) {
        Path file = folder == null ? null : folder.resolve(LabelModel.FILE);
        boolean own = file != null && Files.isRegularFile(file);
        String name = own ? file.toString() : "classpath:" + Lexicon.CLASSPATH_FOLDER + LabelModel.FILE;
        try (InputStream in = own ? Files.newInputStream(file)
                : ModelFile.class.getClassLoader().getResourceAsStream(Lexicon.CLASSPATH_FOLDER + LabelModel.FILE)) {
            return in == null ? null : LabelModel.read(in);
        } catch (IOException | RuntimeException e) {
            throw new LexiconException(List.of(name + ": not a usable label model: " + e.getMessage()));
        }
    }
}
