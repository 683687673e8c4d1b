package dev.lectern.bench;

import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.SearchMode;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Search in the embedded store (Lucene, through the {@link PassageStore} port) as the corpus grows: one question
 * at a time, 20 candidates (what {@code /api/search} asks for with k=5), hybrid and vector-only. The setup prints
 * the index size on disk and the heap the open store holds; SampleTime gives p50/p99.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 4)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class StoreSearchBenchmark {

    @Param({"1000", "100000", "1000000"})
    public int passages;

    /** How the corpus was written: {@code rebuild} (few large segments) or {@code lectures} (as ingestion). */
    @Param({"rebuild"})
    public String build;

    @Param({"hybrid", "vector"})
    public String mode;

    private static final int QUERIES = 256;

    private PassageStore store;
    private SyntheticCorpus.Query[] queries;
    private SearchMode searchMode;
    private int next;

    @Setup(Level.Trial)
    public void open() {
        SyntheticCorpus corpus = new SyntheticCorpus();
        SyntheticCorpus.Build written = SyntheticCorpus.Build.valueOf(build.toUpperCase(Locale.ROOT));
        store = corpus.open(passages, written);
        searchMode = SearchMode.fromId(mode);
        Random random = new Random(7);
        queries = new SyntheticCorpus.Query[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            queries[q] = corpus.query(random);
        }
        store.search(new PassageQuery(queries[0].vector(), queries[0].text(), searchMode, 20, null));
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.gc();
        System.out.printf(
                Locale.ROOT,
                "%n%,d passages: %.1f MiB on disk, %.1f MiB heap in use with the store open%n",
                passages,
                SyntheticCorpus.sizeOnDisk(SyntheticCorpus.directory(passages, written)) / 1048576.0,
                (runtime.totalMemory() - runtime.freeMemory()) / 1048576.0);
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public Object search() {
        next = (next + 1) % QUERIES;
        SyntheticCorpus.Query query = queries[next];
        return store.search(new PassageQuery(query.vector(), query.text(), searchMode, 20, null));
    }
}
