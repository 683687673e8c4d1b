package dev.lectern.bench;

import dev.lectern.embedding.SentenceEmbedder;
import dev.lectern.passage.Passage;
import dev.lectern.passage.PassageChunker;
import dev.lectern.passage.PassageSettings;
import dev.lectern.transcript.Segment;
import dev.lectern.transcript.TranscriptFormat;
import dev.lectern.transcript.Transcripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The bundled sample lecture, cut into passages exactly as Lectern does with its default settings. */
final class DefaultLecture {

    static final String RESOURCE = "/corpus/cs25-ming-ding-multimodal-pretraining.txt";

    /** Questions about the lecture, cycled through by the query benchmarks (and by bench/questions.txt). */
    static final List<String> QUESTIONS = List.of(
            "What is ZeRO?",
            "How does CogVLM add vision to a language model?",
            "How do you save GPU memory when training a large model?",
            "What is the difference between BERT and GPT?",
            "Why did the speaker's team switch to autoregressive models?",
            "How does CogView turn text-to-image generation into a GPT-style problem?",
            "What does CogAgent look at when it operates a website?",
            "How long an input can models handle with full attention?",
            "What is a visual expert module?",
            "Do big models suddenly unlock new skills?",
            "What is the problem with autoregressive image generation?",
            "How were facts pulled out of long documents before long-context models?",
            "What is instruction tuning?",
            "Which data was used to train the vision language model?",
            "What is relay diffusion?",
            "How does the model ground objects in an image?");

    private DefaultLecture() {}

    static List<Segment> segments() {
        try (InputStream in = DefaultLecture.class.getResourceAsStream(RESOURCE)) {
            return Transcripts.parse(in.readAllBytes(), TranscriptFormat.AUTO);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Passage texts with Lectern's defaults (88 target tokens, 36 overlap; see PassagePipeline). */
    static List<String> passageTexts(SentenceEmbedder embedder) {
        int maxTokens = embedder.spec().maxTokens() - embedder.passageOverheadTokens();
        return new PassageChunker(new PassageSettings(maxTokens, Math.min(88, maxTokens), 36), embedder)
                .chunk(segments()).stream()
                        .map(Passage::text)
                        .toList();
    }
}
