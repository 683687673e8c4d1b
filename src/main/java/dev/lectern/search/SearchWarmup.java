package dev.lectern.search;

import dev.lectern.store.SearchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Searches for {@code lectern.search.warm-up} at start, once the store is prepared and before Lectern reports
 * ready: the request path (embedding on both sessions, both search legs, highlighting) is then loaded, initialised
 * and first compiled before the first requests arrive, instead of on their time and CPU. Two threads search at once,
 * so that questions run both alone (the two-thread session) and beside another (the one-thread session); a
 * request path compiled for only one of them is compiled again when the other appears.
 */
@ApplicationScoped
class SearchWarmup {

    private static final Logger LOG = Logger.getLogger(SearchWarmup.class);

    /** General questions, asked of whatever lectures are stored; their answers are thrown away. */
    private static final List<String> QUESTIONS = List.of(
            "What is the main idea of this lecture?",
            "How does the method work?",
            "Why does training need so much memory?",
            "What did the speaker compare it with?",
            "Which results were shown at the end?",
            "What is the difference between the two models?");

    private static final SearchMode[] MODES = {
        SearchMode.HYBRID, SearchMode.VECTOR, SearchMode.HYBRID, SearchMode.KEYWORD
    };

    private final SearchService search;
    private final SearchConfig config;

    SearchWarmup(SearchService search, SearchConfig config) {
        this.search = search;
        this.config = config;
    }

    /** After {@code CorpusSeeder} (default priority): the lectures to search are in place. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 900) StartupEvent event) {
        long nanos = config.warmUp().toNanos();
        if (nanos <= 0) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + nanos;
        AtomicInteger searches = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int first = t * 3;
            Thread thread = new Thread(
                    () -> {
                        for (int i = first; System.nanoTime() < deadline; i++) {
                            try {
                                search.search(new SearchRequest(
                                        QUESTIONS.get(i % QUESTIONS.size()),
                                        config.defaultK(),
                                        null,
                                        MODES[i % MODES.length]));
                                searches.incrementAndGet();
                            } catch (RuntimeException e) {
                                // A store that cannot answer yet (Qdrant away) or a full queue: nothing to warm.
                                LOG.debugf("Warm-up search failed, warm-up stops: %s", e.getMessage());
                                return;
                            }
                        }
                    },
                    "lectern-warm-up-" + t);
            threads.add(thread);
            thread.start();
        }
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof(
                "Warmed up the request path with %d searches in %d ms",
                searches.get(), (System.nanoTime() - started) / 1_000_000);
    }
}
