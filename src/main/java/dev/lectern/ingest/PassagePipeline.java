package dev.lectern.ingest;

import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.passage.Passage;
import dev.lectern.passage.PassageChunker;
import dev.lectern.passage.PassageConfig;
import dev.lectern.passage.PassageSettings;
import dev.lectern.store.EmbeddedPassage;
import dev.lectern.store.IndexRecipe;
import dev.lectern.transcript.Segment;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns transcript segments into embedded passages, and knows the {@link IndexRecipe} that results: the one
 * place where passage sizes meet the model.
 */
@ApplicationScoped
public class PassagePipeline {

    private final SentenceEmbedder embedder;
    private final PassageChunker chunker;
    private final IndexRecipe recipe;

    PassagePipeline(SentenceEmbedder embedder, PassageConfig config) {
        this.embedder = embedder;
        // The model reads maxTokens including its special tokens and the passage prefix; passages get the rest.
        int maxPassageTokens = embedder.spec().maxTokens() - embedder.passageOverheadTokens();
        PassageSettings settings;
        try {
            settings = new PassageSettings(
                    maxPassageTokens,
                    Math.min(config.targetTokens(), maxPassageTokens),
                    config.overlapTokens(),
                    config.maxGap().toMillis(),
                    config.maxDuration().toMillis());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Invalid passage settings (lectern.passages.target-tokens="
                            + config.targetTokens() + ", lectern.passages.overlap-tokens=" + config.overlapTokens()
                            + ", model limit " + maxPassageTokens + " tokens): " + e.getMessage(),
                    e);
        }
        this.chunker = new PassageChunker(settings, embedder);
        this.recipe = new IndexRecipe(
                embedder.spec().id(),
                embedder.dimension(),
                embedder.spec().maxTokens(),
                embedder.spec().pooling().name().toLowerCase(Locale.ROOT),
                embedder.spec().queryPrefix(),
                embedder.spec().passagePrefix(),
                settings.targetTokens(),
                settings.overlapTokens(),
                settings.maxGapMillis(),
                settings.maxDurationMillis());
    }

    /** The recipe of the vectors this pipeline makes. */
    public IndexRecipe recipe() {
        return recipe;
    }

    /** Cuts segments into passages and embeds them; blocking. */
    public List<EmbeddedPassage> embed(List<Segment> segments) {
        List<Passage> passages = chunker.chunk(segments);
        List<float[]> vectors =
                embedder.embedPassages(passages.stream().map(Passage::text).toList());
        List<EmbeddedPassage> embedded = new ArrayList<>(passages.size());
        for (int i = 0; i < passages.size(); i++) {
            embedded.add(new EmbeddedPassage(passages.get(i), vectors.get(i)));
        }
        return embedded;
    }
}
