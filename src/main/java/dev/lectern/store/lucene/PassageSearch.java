package dev.lectern.store.lucene;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.lectern.passage.Passage;
import dev.lectern.store.FieldNames;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.SearchMode;
import dev.lectern.store.StoreTelemetry;
import dev.lectern.store.TextAnalysis;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjIntConsumer;
import java.util.function.ToDoubleFunction;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.VectorUtil;

/**
 * One search over an open index: the vector leg (HNSW), the keyword leg (BM25 over words and sounds) and their
 * reciprocal rank fusion.
 */
final class PassageSearch {

    /**
     * The usual RRF constant (Cormack et al., 2009): large enough that a passage ranked well by both legs beats
     * one ranked first by a single leg.
     */
    static final int RRF_K = 60;

    private final Analyzer words = TextAnalysis.words();
    private final Analyzer sounds = TextAnalysis.sounds();

    /**
     * Passages already decoded from stored fields (decompression, then the segments' JSON), which cost more than
     * the search itself. Keyed by segment core and document: a segment never changes, so an entry can never go
     * stale; entries of segments merged away are simply no longer asked for and fall out.
     */
    private final Cache<StoredKey, StoredPassage> decoded;

    private final Tracer tracer;

    /**
     * @param cacheSize decoded passages kept, 0 for none
     * @param telemetry receives a span per search leg and the fusion, and the cache's hits and misses
     *     ({@code cache="decoded-passages"})
     */
    PassageSearch(int cacheSize, StoreTelemetry telemetry) {
        this.decoded = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                // Evict on the caller's thread: Caffeine's default hands that work to the common pool, whose
                // thread then preempts one of the inference threads that keep both cores busy.
                .executor(Runnable::run)
                .recordStats()
                .build();
        this.tracer = telemetry.tracer();
        CaffeineCacheMetrics.monitor(telemetry.meters(), decoded, "decoded-passages");
    }

    private record StoredKey(Object segmentCore, int doc) {}

    private record StoredPassage(String lectureId, Passage passage) {}

    List<PassageHit> search(IndexSearcher searcher, PassageQuery query) throws IOException {
        // Only passage documents have a vector and text, so neither leg needs to filter by kind: without a lecture
        // there is no filter at all (a filter costs a pass over its matches in every segment, per search).
        Query filter = query.lectureId() == null ? null : new TermQuery(LuceneDocuments.lectureTerm(query.lectureId()));
        ScoreDoc[] vectorHits = new ScoreDoc[0];
        if (query.mode() != SearchMode.KEYWORD) {
            Span leg = tracer.spanBuilder("vector leg").startSpan();
            try {
                vectorHits = searcher.search(
                                new KnnFloatVectorQuery(LuceneDocuments.VECTOR, query.vector(), query.limit(), filter),
                                query.limit())
                        .scoreDocs;
                leg.setAttribute("lectern.hits", vectorHits.length);
            } finally {
                leg.end();
            }
        }
        ScoreDoc[] keywordHits = new ScoreDoc[0];
        if (query.mode() != SearchMode.VECTOR) {
            Span leg = tracer.spanBuilder("keyword leg").startSpan();
            try {
                Optional<Query> keywords = keywordQuery(query.text(), filter);
                if (keywords.isPresent()) {
                    keywordHits = searcher.search(keywords.get(), query.limit()).scoreDocs;
                }
                leg.setAttribute("lectern.hits", keywordHits.length);
            } finally {
                leg.end();
            }
        }
        // Ended before the return; should reading fail, the span is dropped and the exception says why.
        Span fusion = tracer.spanBuilder("fusion").startSpan();

        Map<Integer, Candidate> candidates = new LinkedHashMap<>();
        for (ScoreDoc hit : vectorHits) {
            // Lucene scores COSINE as (1 + cos) / 2; reading the vector again would cost more than the search.
            candidates.computeIfAbsent(hit.doc, Candidate::new).similarity = 2.0 * hit.score - 1.0;
        }
        for (ScoreDoc hit : keywordHits) {
            candidates.computeIfAbsent(hit.doc, Candidate::new).keywordScore = hit.score;
        }
        for (Candidate candidate : candidates.values()) {
            if (Double.isNaN(candidate.similarity) && query.vector() != null) {
                candidate.similarity = similarity(searcher, candidate.doc, query.vector());
            }
        }
        // Both legs rank the whole candidate pool: a passage found only by its words still gets the vector rank
        // its similarity earns among the others, instead of counting as absent from the vector leg.
        if (query.mode() != SearchMode.KEYWORD) {
            rank(candidates.values(), c -> c.similarity, (c, rank) -> c.vectorRank = rank, false);
        }
        rank(candidates.values(), c -> c.keywordScore, (c, rank) -> c.keywordRank = rank, true);
        double bestKeywordScore = keywordHits.length == 0 ? 1 : keywordHits[0].score;
        for (Candidate candidate : candidates.values()) {
            candidate.score = switch (query.mode()) {
                case VECTOR -> candidate.similarity;
                case KEYWORD -> candidate.keywordScore / bestKeywordScore;
                case HYBRID -> fused(candidate) / (2.0 / (RRF_K + 1));
            };
        }
        // Stored fields (decompressed, segments parsed from JSON) are read only for the candidates returned: in
        // hybrid mode the two legs bring up to twice as many as asked for.
        List<Candidate> best = candidates.values().stream()
                .sorted(Comparator.comparingDouble((Candidate c) -> c.score).reversed())
                .limit(query.limit())
                .toList();
        StoredFields stored = searcher.storedFields();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<PassageHit> hits = new ArrayList<>(best.size());
        for (Candidate candidate : best) {
            StoredPassage passage = storedPassage(stored, leaves, candidate.doc);
            hits.add(new PassageHit(
                    passage.lectureId(),
                    passage.passage(),
                    candidate.score,
                    candidate.similarity,
                    candidate.vectorRank,
                    candidate.keywordRank));
        }
        fusion.end();
        return hits;
    }

    private StoredPassage storedPassage(StoredFields stored, List<LeafReaderContext> leaves, int doc)
            throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        if (core == null) {
            return decode(stored, doc);
        }
        StoredKey key = new StoredKey(core.getKey(), doc - leaf.docBase);
        StoredPassage passage = decoded.getIfPresent(key);
        if (passage == null) {
            passage = decode(stored, doc);
            decoded.put(key, passage);
        }
        return passage;
    }

    private static StoredPassage decode(StoredFields stored, int doc) throws IOException {
        Document document = stored.document(doc);
        return new StoredPassage(document.get(FieldNames.LECTURE_ID), LuceneDocuments.toPassage(document));
    }

    private static double fused(Candidate candidate) {
        double score = 0;
        if (candidate.vectorRank > 0) {
            score += 1.0 / (RRF_K + candidate.vectorRank);
        }
        if (candidate.keywordRank > 0) {
            score += 1.0 / (RRF_K + candidate.keywordRank);
        }
        return score;
    }

    /** Gives candidates 1-based ranks by a score, best first; with {@code onlyPositive}, others keep rank 0. */
    private static void rank(
            Collection<Candidate> candidates,
            ToDoubleFunction<Candidate> score,
            ObjIntConsumer<Candidate> setRank,
            boolean onlyPositive) {
        List<Candidate> ordered = candidates.stream()
                .filter(c -> !onlyPositive || score.applyAsDouble(c) > 0)
                .sorted(Comparator.comparingDouble(score).reversed())
                .toList();
        for (int i = 0; i < ordered.size(); i++) {
            setRank.accept(ordered.get(i), i + 1);
        }
    }

    /**
     * BM25 over stemmed words, plus sound-alike matches at a lower weight; empty when no term survives.
     *
     * @param filter documents to keep, or {@code null} for all
     */
    private Optional<Query> keywordQuery(String text, Query filter) {
        BooleanQuery.Builder terms = new BooleanQuery.Builder();
        int clauses = 0;
        for (String term : new LinkedHashSet<>(TextAnalysis.terms(words, text))) {
            terms.add(new TermQuery(new Term(LuceneDocuments.TEXT, term)), Occur.SHOULD);
            clauses++;
        }
        for (String code : new LinkedHashSet<>(TextAnalysis.terms(sounds, text))) {
            terms.add(
                    new BoostQuery(
                            new TermQuery(new Term(LuceneDocuments.TEXT_SOUNDS, code)), TextAnalysis.SOUND_WEIGHT),
                    Occur.SHOULD);
            clauses++;
        }
        if (clauses == 0) {
            return Optional.empty();
        }
        if (filter == null) {
            return Optional.of(terms.build());
        }
        return Optional.of(new BooleanQuery.Builder()
                .add(terms.build(), Occur.MUST)
                .add(filter, Occur.FILTER)
                .build());
    }

    /** Cosine similarity of the question and a stored passage vector; both are unit length. */
    private static double similarity(IndexSearcher searcher, int doc, float[] question) throws IOException {
        float[] passage = vector(searcher, doc);
        return passage == null ? 0 : VectorUtil.dotProduct(question, passage);
    }

    /** The stored vector of a passage document, or {@code null} when it has none. */
    static float[] vector(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues vectors = leaf.reader().getFloatVectorValues(LuceneDocuments.VECTOR);
        int target = doc - leaf.docBase;
        if (vectors == null || vectors.advance(target) != target) {
            return null;
        }
        // The reader may reuse its buffer for the next vector.
        return vectors.vectorValue().clone();
    }

    private static final class Candidate {
        final int doc;
        /** NaN until known: from the vector leg's score, else read from the passage's vector. */
        double similarity = Double.NaN;

        double keywordScore;
        double score;
        int vectorRank;
        int keywordRank;

        Candidate(int doc) {
            this.doc = doc;
        }
    }
}
