package dev.lectern.search;

import dev.lectern.config.LecternConfig;
import dev.lectern.embedding.QueryEmbedder;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.SearchMode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the passages that answer a question: embeds it (unless the search is by words only), asks the store for
 * the passages that match it best in meaning and in words, and merges hits that cover the same moment, because
 * neighbouring passages overlap and would otherwise show the same minute twice.
 */
@ApplicationScoped
public class SearchService {

    private final QueryEmbedder embedder;
    private final PassageStore store;
    private final SearchConfig config;
    private final Highlighter highlighter;
    private final LectureVocabularies vocabularies;

    SearchService(
            QueryEmbedder embedder,
            PassageStore store,
            SearchConfig config,
            LecternConfig service,
            LectureVocabularies vocabularies) {
        this.embedder = embedder;
        this.store = store;
        this.config = config;
        this.highlighter = new Highlighter(service.passageCacheSize());
        this.vocabularies = vocabularies;
    }

    /**
     * Searches; blocking (model inference and index reads), so call it from a worker thread.
     *
     * @throws LectureNotFoundException when the request names a lecture that is not stored
     * @throws dev.lectern.embedding.ModelBusyException when too many requests already wait for the model
     */
    public SearchResults search(SearchRequest request) {
        // A keyword search needs no vector: embedding the question would be most of its cost.
        return search(request, request.mode() != SearchMode.KEYWORD);
    }

    /**
     * Searches like {@link #search(SearchRequest)}, with the question embedded whatever the mode: for callers that
     * compare the question with other text ({@link SearchResults#queryVector()}) or need each hit's similarity.
     */
    SearchResults searchEmbedded(SearchRequest request) {
        return search(request, true);
    }

    private SearchResults search(SearchRequest request, boolean embed) {
        long started = System.nanoTime();
        Map<String, Lecture> lectures = new HashMap<>();
        if (request.lectureId() != null) {
            Lecture lecture = store.lecture(request.lectureId())
                    .orElseThrow(() -> new LectureNotFoundException(request.lectureId()));
            lectures.put(lecture.id(), lecture);
        }
        float[] vector = embed ? embedder.embed(request.query()) : null;
        int candidates = request.k() * config.candidatesPerResult();
        List<PassageHit> found = store.search(
                new PassageQuery(vector, keywordText(request), request.mode(), candidates, request.lectureId()));
        List<SearchHit> hits = new ArrayList<>(request.k());
        Highlighter.Question question = highlighter.question(request.query());
        List<PassageHit> distinct = withoutRepeatedMoments(found);
        if (config.timeDiversity() > 0) {
            distinct = spreadOverTime(distinct, config.timeDiversity(), config.timeDiversitySeconds() * 1000);
        }
        for (PassageHit hit : distinct) {
            if (hits.size() == request.k()) {
                break;
            }
            Lecture lecture = lectures.computeIfAbsent(
                    hit.lectureId(), id -> store.lecture(id).orElse(null));
            if (lecture == null) {
                continue; // deleted between the vector search and now
            }
            TimedSentence highlight = highlighter.best(question, hit.passage());
            String link = DeepLinks.at(lecture.sourceUrl(), hit.passage().startMillis() / 1000.0);
            hits.add(new SearchHit(lecture, hit.passage(), hit.score(), hit.vectorSimilarity(), highlight, link));
        }
        return new SearchResults(hits, vector, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The text the keyword leg searches: the question, plus the lecture's own spellings of the question's words
     * it never contains (see {@link LectureVocabulary}).
     */
    private String keywordText(SearchRequest request) {
        if (!config.expandTerms() || request.mode() == dev.lectern.store.SearchMode.VECTOR) {
            return request.query();
        }
        StringBuilder text = new StringBuilder(request.query());
        vocabularies
                .of(request.lectureId())
                .ifPresent(vocabulary -> vocabulary
                        .words(request.query(), vocabularies.analysis())
                        .forEach(word ->
                                word.expansions().forEach(w -> text.append(' ').append(w))));
        return text.toString();
    }

    /**
     * Maximal marginal relevance over time: repeatedly takes the hit whose score, less {@code weight} times its
     * closeness to the nearest hit already taken (exp(-gap / scale), same lecture only), is highest.
     */
    static List<PassageHit> spreadOverTime(List<PassageHit> bestFirst, double weight, double scaleMillis) {
        List<PassageHit> remaining = new ArrayList<>(bestFirst);
        List<PassageHit> taken = new ArrayList<>(bestFirst.size());
        while (!remaining.isEmpty()) {
            PassageHit best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (PassageHit hit : remaining) {
                double closeness = 0;
                for (PassageHit other : taken) {
                    if (other.lectureId().equals(hit.lectureId())) {
                        long gap = Math.max(
                                0,
                                Math.max(
                                        other.passage().startMillis()
                                                - hit.passage().endMillis(),
                                        hit.passage().startMillis()
                                                - other.passage().endMillis()));
                        closeness = Math.max(closeness, Math.exp(-gap / scaleMillis));
                    }
                }
                double value = hit.score() - weight * closeness;
                if (value > bestValue) {
                    bestValue = value;
                    best = hit;
                }
            }
            taken.add(best);
            remaining.remove(best);
        }
        return taken;
    }

    /** Keeps, of hits that overlap in time within one lecture, only the best scoring one. */
    static List<PassageHit> withoutRepeatedMoments(List<PassageHit> bestFirst) {
        List<PassageHit> kept = new ArrayList<>();
        for (PassageHit hit : bestFirst) {
            boolean repeats = kept.stream()
                    .anyMatch(k -> k.lectureId().equals(hit.lectureId())
                            && k.passage().startMillis() < hit.passage().endMillis()
                            && hit.passage().startMillis() < k.passage().endMillis());
            if (!repeats) {
                kept.add(hit);
            }
        }
        return kept;
    }
}
