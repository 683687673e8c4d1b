package dev.lectern.eval;

import dev.lectern.embedding.ModelSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Corpus vectors of one model on one corpus file, kept on disk so that a rerun of the benchmark takes seconds
 * instead of minutes.
 *
 * <p>The file is named after a hash of everything that changes the vectors: the model id and every field of its
 * {@link ModelSpec} (files, pooling, cut, prefixes), the vector dimension and the corpus file's size and
 * modification time. The hash is also stored inside, with the document ids, so a file that does not match what is
 * asked for (or that is truncated or corrupt) is ignored and rewritten, never used. Files are written to a temporary
 * name and moved into place, so a run that is killed never leaves half a file behind.
 */
final class CorpusEmbeddingCache {

    private static final int MAGIC = 0x4C42_4543; // "LBEC": Lectern BEIR embedding cache
    private static final int VERSION = 1;

    private final Path file;
    private final String key;

    /** What a cache file holds: the vectors, in corpus order, and how long they took to compute. */
    record Entry(float[][] vectors, double embedSeconds) {}

    CorpusEmbeddingCache(Path dir, ModelSpec spec, int dimension, Path corpusFile) {
        this.key = key(spec, dimension, corpusFile);
        String safeId = spec.id().replaceAll("[^A-Za-z0-9._-]", "_");
        this.file = dir.resolve(safeId + "-" + key.substring(0, 16) + ".bin");
    }

    Path file() {
        return file;
    }

    static String key(ModelSpec spec, int dimension, Path corpusFile) {
        long size;
        long modified;
        try {
            size = Files.size(corpusFile);
            modified = Files.getLastModifiedTime(corpusFile).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + corpusFile, e);
        }
        // One field per line, with lengths, so that no two different settings can produce the same text.
        String text = String.join(
                "\n",
                "lectern-beir-cache-v" + VERSION,
                field("id", spec.id()),
                field("model", spec.model().toString()),
                field("tokenizer", spec.tokenizer().toString()),
                field("pooling", spec.pooling().name()),
                field("maxTokens", Integer.toString(spec.maxTokens())),
                field("queryPrefix", spec.queryPrefix()),
                field("passagePrefix", spec.passagePrefix()),
                field("dimension", Integer.toString(dimension)),
                field("corpusSize", Long.toString(size)),
                field("corpusModified", Long.toString(modified)));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String field(String name, String value) {
        return name + "[" + value.length() + "]=" + value;
    }

    /**
     * The cached vectors for exactly these documents and this dimension, or {@code null} when there is no file or
     * it does not match (or cannot be read): the caller then embeds and {@link #write}s.
     */
    Entry read(List<String> docIds, int dimension) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC
                    || in.readInt() != VERSION
                    || !in.readUTF().equals(key)) {
                return null;
            }
            int count = in.readInt();
            int dim = in.readInt();
            double seconds = in.readDouble();
            if (count != docIds.size() || dim != dimension) {
                return null;
            }
            float[][] vectors = new float[count][dim];
            for (int d = 0; d < count; d++) {
                if (!in.readUTF().equals(docIds.get(d))) {
                    return null;
                }
                for (int i = 0; i < dim; i++) {
                    vectors[d][i] = in.readFloat();
                }
            }
            if (in.read() != -1) {
                return null; // trailing bytes: not a file this code wrote
            }
            return new Entry(vectors, seconds);
        } catch (IOException | RuntimeException e) {
            // Truncated or corrupt: treated as absent, and replaced by the next write.
            return null;
        }
    }

    /** Stores the vectors atomically; a failure to write only costs the next run the embedding time. */
    void write(List<String> docIds, float[][] vectors, double embedSeconds) {
        try {
            Files.createDirectories(file.getParent());
            Path temp =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16))) {
                    out.writeInt(MAGIC);
                    out.writeInt(VERSION);
                    out.writeUTF(key);
                    out.writeInt(vectors.length);
                    out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
                    out.writeDouble(embedSeconds);
                    for (int d = 0; d < vectors.length; d++) {
                        out.writeUTF(docIds.get(d));
                        for (float v : vectors[d]) {
                            out.writeFloat(v);
                        }
                    }
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            System.err.println("warning: cannot write the embedding cache " + file + ": " + e.getMessage());
        }
    }
}
