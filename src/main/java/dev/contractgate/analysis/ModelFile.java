package dev.contractgate.analysis;

import java.io.ByteArrayInputStream;
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
        byte[] bytes;
        try (InputStream in = own ? Files.newInputStream(file)
                : ModelFile.class.getClassLoader().getResourceAsStream(Lexicon.CLASSPATH_FOLDER + LabelModel.FILE)) {
            if (in == null) {
                return null;
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw unusable(name, e);
        }
        return READ.get(() -> {
            try {
                return LabelModel.read(new ByteArrayInputStream(bytes));
            } catch (IOException | RuntimeException e) {
                throw unusable(name, e);
            }
        }, bytes);
    }

    /** Models read in this process, by contents. */
    private static final ContentCache<LabelModel> READ = new ContentCache<>(2);

    private static LexiconException unusable(String name, Exception e) {
        return new LexiconException(List.of(name + ": not a usable label model: " + e.getMessage()));
    }
}
