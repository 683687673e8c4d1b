package dev.lectern.search;

import dev.lectern.chapter.Chapter;
import dev.lectern.chapter.Outline;
import dev.lectern.config.LecternConfig;
import dev.lectern.embedding.ModelAdmission;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.store.PassageHit;
import dev.lectern.store.PassageQuery;
import dev.lectern.store.PassageStore;
import dev.lectern.store.SearchMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Finds the passages that answer a question: embeds it (unless the search is by words only), asks the store for
 * the passages that match it best in meaning and in words, and merges hits that cover the same moment, because
 * neighbouring passages overlap and would otherwise show the same minute twice.
 */
@ApplicationScoped
public class SearchService {

    private final ModelAdmission admission;
    private final PassageStore store;
    private final SearchConfig config;
    private final Highlighter highlighter;
    private final Tracer tracer;
    /** Store search latency by mode ({@code lectern_store_search_seconds}), registered once: no lookup per search. */
    private final Map<SearchMode, Timer> storeSearches = new EnumMap<>(SearchMode.class);

    private final LectureVocabularies vocabularies;
    private final SentenceRescorer sentences;

    /** How many of the best results {@link SentenceRescorer} reorders: the first page of a search. */
    private static final int RESCORED = 10;

    SearchService(
            ModelAdmission admission,
            PassageStore store,
            SearchConfig config,
            LecternConfig service,
            Tracer tracer,
            MeterRegistry meters,
            LectureVocabularies vocabularies,
            SentenceRescorer sentences) {
        this.admission = admission;
        this.sentences = sentences;
        this.store = store;
        this.config = config;
        this.highlighter = new Highlighter(service.passageCacheSize(), meters);
        this.tracer = tracer;
        this.vocabularies = vocabularies;
        for (SearchMode mode : SearchMode.values()) {
            storeSearches.put(
                    mode,
                    Timer.builder("lectern.store.search")
                            .description("Searches of the passage store (both legs and their fusion), by mode")
                            .tag("mode", mode.name().toLowerCase(Locale.ROOT))
                            .tag("store", service.store().name().toLowerCase(Locale.ROOT))
                            .register(meters));
        }
    }

    /**
     * Searches; blocking (model inference and index reads), so call it from a worker thread.
     *
     * @throws LectureNotFoundException when the request names a lecture that is not stored
     * @throws dev.lectern.embedding.ModelBusyException when too many requests already wait for the model
     */
    public SearchResults search(SearchRequest request) {
        // A keyword search needs no vector: embedding the question would be most of its cost.
        return traced(request, request.mode() != SearchMode.KEYWORD);
    }

    /**
     * Searches like {@link #search(SearchRequest)}, with the question embedded whatever the mode: for callers that
     * compare the question with other text ({@link SearchResults#queryVector()}) or need each hit's similarity.
     */
    SearchResults searchEmbedded(SearchRequest request) {
        return traced(request, true);
    }

    private SearchResults traced(SearchRequest request, boolean embedQuestion) {
        // One span per search, with a child per step: embedding, the store search (with its legs and fusion, or
        // its Qdrant calls, as children), highlighting. The query text is not recorded: it may be personal.
        Span span = tracer.spanBuilder("search")
                .setAttribute("lectern.search.mode", request.mode().name().toLowerCase(Locale.ROOT))
                .setAttribute("lectern.search.k", request.k())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            SearchResults results = searchSteps(request, embedQuestion);
            span.setAttribute("lectern.search.results", results.hits().size());
            return results;
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private SearchResults searchSteps(SearchRequest request, boolean embedQuestion) {
        long started = System.nanoTime();
        Map<String, Lecture> lectures = new HashMap<>();
        Map<String, Outline> outlines = new HashMap<>();
        if (request.lectureId() != null) {
            Lecture lecture = store.lecture(request.lectureId())
                    .orElseThrow(() -> new LectureNotFoundException(request.lectureId()));
            lectures.put(lecture.id(), lecture);
        }
        float[] vector = embedQuestion ? embed(request.query()) : null;
        List<PassageHit> found = storeSearch(request, vector);
        List<SearchHit> hits = new ArrayList<>(request.k());
        // Ended after the loop; should a lecture read fail in it, the span is dropped and the search span says why.
        Span highlighting = tracer.spanBuilder("highlight").startSpan();
        Highlighter.Question question = highlighter.question(request.query());
        List<PassageHit> distinct = withoutRepeatedMoments(found);
        if (vector != null && config.sentenceWeight() > 0) {
            distinct = sentences.rescore(vector, distinct, RESCORED, config.sentenceWeight());
        }
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
            Outline outline = outlines.computeIfAbsent(
                    lecture.id(),
                    id -> store.outline(id)
                            .orElseGet(() ->
                                    Outline.whole(lecture.title(), Math.round(lecture.durationSeconds() * 1000))));
            Chapter chapter = outline.chapterAt(hit.passage().startMillis());
            hits.add(new SearchHit(
                    lecture, hit.passage(), hit.score(), hit.vectorSimilarity(), highlight, link, chapter));
        }
        highlighting.end();
        return new SearchResults(hits, vector, (System.nanoTime() - started) / 1_000_000);
    }

    private float[] embed(String query) {
        Span span = tracer.spanBuilder("embed question").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return admission.questionVector(query);
        } finally {
            span.end();
        }
    }

    private List<PassageHit> storeSearch(SearchRequest request, float[] vector) {
        int candidates = request.k() * config.candidatesPerResult();
        Span span = tracer.spanBuilder("store search").startSpan();
        long started = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            return store.search(
                    new PassageQuery(vector, keywordText(request), request.mode(), candidates, request.lectureId()));
        } finally {
            storeSearches.get(request.mode()).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            span.end();
        }
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
