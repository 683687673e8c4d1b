package dev.lectern.search;

import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.transcript.ClockTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the grounded context of {@code POST /api/context}: the best passages, numbered and timed, as many as fit
 * a token budget. Tokens are counted with the embedding model's tokenizer, a close estimate for chat models'
 * tokenizers on English text (they usually need somewhat fewer tokens), so the budget errs on the safe side.
 */
@ApplicationScoped
public class ContextBuilder {

    static final String PREAMBLE = "Passages from the lectures, most relevant first. Cite a passage by its start"
            + " time in brackets, e.g. [00:16:26].";

    private final SearchService search;
    private final SentenceEmbedder tokens;

    ContextBuilder(SearchService search, SentenceEmbedder tokens) {
        this.search = search;
        this.tokens = tokens;
    }

    /** Searches and packs the best passages into at most {@code maxTokens} tokens; blocking. */
    public GroundedContext build(SearchRequest request, int maxTokens) {
        return pack(search.search(request).hits(), maxTokens);
    }

    /** Packs already retrieved passages, best first, into at most {@code maxTokens} tokens. */
    public GroundedContext pack(List<SearchHit> hits, int maxTokens) {
        StringBuilder context = new StringBuilder(PREAMBLE);
        int used = tokens.count(PREAMBLE);
        List<SearchHit> cited = new ArrayList<>();
        for (SearchHit hit : hits) {
            String block = "\n\n[" + (cited.size() + 1) + "] " + header(hit) + "\n"
                    + hit.passage().text();
            int cost = tokens.count(block);
            if (used + cost > maxTokens) {
                // Passages are kept whole: a cut passage could drop the very sentence that answers.
                break;
            }
            context.append(block);
            used += cost;
            cited.add(hit);
        }
        return new GroundedContext(cited.isEmpty() ? "" : context.toString(), cited);
    }

    static String header(SearchHit hit) {
        String span = "[" + ClockTime.formatWithoutMillis(hit.passage().startMillis()) + "–"
                + ClockTime.formatWithoutMillis(hit.passage().endMillis()) + "]";
        return hit.lecture().title() + " " + span + (hit.link() == null ? "" : " " + hit.link());
    }
}
