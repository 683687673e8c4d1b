package dev.lectern.bench;

import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureSource;
import dev.lectern.passage.Passage;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.IndexRecipe;
import dev.lectern.store.PassageStore;
import dev.lectern.store.lucene.LuceneStore;
import dev.lectern.transcript.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A generated corpus for the store benchmarks, never stored in git: lectures of up to 1,000 passages of 90 words
 * drawn from the default lecture's own words (so word frequencies are a real lecture's), with 384-dimension vectors
 * scattered around 1,000 topics (so nearest neighbours exist, as with real text). The same seed always gives the
 * same corpus and queries.
 *
 * <p>Built once into {@code target/bench-index/<passages>} through the {@link PassageStore} port (one rebuild, or one
 * write per lecture: {@link Build}),
 * then reused; run {@code main} to build one ahead ({@code -Dbench.main=dev.lectern.bench.SyntheticCorpus
 * -Dbench.args=1000000}).
 */
final class SyntheticCorpus {

    static final int DIMENSION = 384;
    static final int PASSAGES_PER_LECTURE = 1_000;
    static final int WORDS_PER_PASSAGE = 90;
    private static final int TOPICS = 1_000;
    private static final long SEED = 42;
    private static final String COMPLETE = "bench-complete";

    static final IndexRecipe RECIPE = new IndexRecipe("synthetic", DIMENSION, 256, "mean", "", "", 88, 36, 0, 0);

    private final String[] words;
    private final float[][] topics;

    SyntheticCorpus() {
        words = DefaultLecture.segments().stream()
                .flatMap(s -> Stream.of(s.text().toLowerCase(Locale.ROOT).split("[^a-z0-9']+")))
                .filter(w -> !w.isBlank())
                .toArray(String[]::new);
        Random random = new Random(SEED);
        topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            topics[t] = normalised(gaussian(random, 1.0));
        }
    }

    /** How a corpus is written: the segment structure, hence search cost, depends on it. */
    enum Build {
        /** One {@code rebuild}, as re-embedding writes: one indexing thread per core, few large segments. */
        REBUILD,
        /** One {@code replaceLecture} (and commit) per lecture, as ingestion writes: many segments, merged. */
        LECTURES
    }

    static Path directory(int passages, Build build) {
        String name = build == Build.REBUILD ? Integer.toString(passages) : passages + "-lectures";
        return Path.of(System.getProperty("lectern.bench.index-dir", "target/bench-index"), name);
    }

    /** Opens the corpus of {@code passages} passages, building it first when it is not complete on disk. */
    LuceneStore open(int passages, Build build) {
        Path directory = directory(passages, build);
        if (!Files.exists(directory.resolve(COMPLETE))) {
            build(directory, passages, build);
        }
        // No decoded-passage cache: every search pays for reading its hits, as the first search for them does.
        return LuceneStore.open(directory, 0);
    }

    private void build(Path directory, int passages, Build build) {
        deleteRecursively(directory);
        long started = System.nanoTime();
        try (LuceneStore store = LuceneStore.open(directory)) {
            Lectures lectures = new Lectures(passages, started);
            if (build == Build.REBUILD) {
                store.rebuild(RECIPE, lectures);
            } else {
                while (lectures.hasNext()) {
                    PassageStore.Rebuilt lecture = lectures.next();
                    store.replaceLecture(RECIPE, lecture.lecture(), lecture.passages());
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "built %,d passages (%s) in %.0f s, committed%n",
                passages,
                build.name().toLowerCase(Locale.ROOT),
                (System.nanoTime() - started) / 1e9);
        try {
            Files.writeString(directory.resolve(COMPLETE), "complete\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus's lectures, generated one at a time as the store takes them. */
    private final class Lectures implements Iterator<PassageStore.Rebuilt> {
        private final int passages;
        private final long started;
        private final int lectures;
        private final Random random;
        private int next;

        Lectures(int passages, long started) {
            this.passages = passages;
            this.started = started;
            this.lectures = (passages + PASSAGES_PER_LECTURE - 1) / PASSAGES_PER_LECTURE;
            this.random = new Random(SEED + passages);
        }

        @Override
        public boolean hasNext() {
            return next < lectures;
        }

        @Override
        public PassageStore.Rebuilt next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int l = next++;
            int count = Math.min(PASSAGES_PER_LECTURE, passages - l * PASSAGES_PER_LECTURE);
            List<Segment> segments = new ArrayList<>(count);
            List<EmbeddedPassage> embedded = new ArrayList<>(count);
            for (int p = 0; p < count; p++) {
                Segment segment = new Segment(p * 30_000L, p * 30_000L + 40_000L, text(random, WORDS_PER_PASSAGE));
                segments.add(segment);
                embedded.add(new EmbeddedPassage(new Passage(p, List.of(segment)), near(random, topic(random))));
            }
            Lecture lecture = new Lecture(
                    String.format(Locale.ROOT, "synthetic-%05d", l),
                    "Synthetic lecture " + l,
                    null,
                    count,
                    count * 30.0 + 10,
                    Instant.EPOCH);
            if (l % 10 == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "handed %,d of %,d passages to the store in %.0f s (%.0f passages/s)%n",
                        l * PASSAGES_PER_LECTURE,
                        passages,
                        seconds,
                        l * PASSAGES_PER_LECTURE / seconds);
            }
            return new PassageStore.Rebuilt(new LectureSource(lecture, segments), embedded);
        }
    }

    /** A query near one of the topics, with a few of the corpus's words. */
    Query query(Random random) {
        return new Query(near(random, topic(random)), text(random, 6));
    }

    record Query(float[] vector, String text) {}

    private int topic(Random random) {
        return random.nextInt(TOPICS);
    }

    private String text(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            if (w > 0) {
                text.append(' ');
            }
            text.append(words[random.nextInt(words.length)]);
        }
        return text.toString();
    }

    private float[] near(Random random, int topic) {
        // Noise of about the topic vector's own length: cosine to the topic centre around 0.7, as for related text.
        float[] noise = gaussian(random, 1.0 / Math.sqrt(DIMENSION));
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = topics[topic][d] + noise[d];
        }
        return normalised(vector);
    }

    private static float[] gaussian(Random random, double sigma) {
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = (float) (random.nextGaussian() * sigma);
        }
        return vector;
    }

    private static float[] normalised(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= scale;
        }
        return vector;
    }

    static long sizeOnDisk(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds (or checks) the corpus of each size given, e.g. {@code 1000000}; a size followed by
     * {@code :lectures} ({@code 1000000:lectures}) is written one lecture at a time, as ingestion writes.
     */
    public static void main(String[] args) {
        SyntheticCorpus corpus = new SyntheticCorpus();
        for (String arg : args) {
            String[] parts = arg.split(":", 2);
            int passages = Integer.parseInt(parts[0]);
            Build build = parts.length == 1 ? Build.REBUILD : Build.valueOf(parts[1].toUpperCase(Locale.ROOT));
            try (LuceneStore store = corpus.open(passages, build)) {
                System.out.printf(
                        Locale.ROOT,
                        "%,d passages (%s): %,d lectures, %.1f MiB on disk%n",
                        passages,
                        build.name().toLowerCase(Locale.ROOT),
                        store.lectures().size(),
                        sizeOnDisk(directory(passages, build)) / 1048576.0);
            }
        }
    }
}
