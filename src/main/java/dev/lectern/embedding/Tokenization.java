package dev.lectern.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Text to model inputs with the model's own HuggingFace tokenizer, cut at {@link ModelSpec#maxTokens()}.
 *
 * <p>The tokenizer file's truncation and padding are switched off: files shipped with models often truncate at a
 * length other than the one the model was trained with (all-MiniLM-L6-v2's cuts at 128 instead of 256, which costs
 * two points of nDCG@10 on SciFact). The cut is made here, and {@link #load} checks that it is made at exactly
 * {@code maxTokens}.
 *
 * <p>Not guarded against {@link #close()}: {@link SentenceEmbedder} runs every call under its lifecycle lock.
 */
final class Tokenization implements AutoCloseable {

    private final ModelSpec spec;
    private final HuggingFaceTokenizer tokenizer;

    private Tokenization(ModelSpec spec, HuggingFaceTokenizer tokenizer) {
        this.spec = spec;
        this.tokenizer = tokenizer;
    }

    /**
     * Loads the tokenizer of {@code spec} and proves that it cuts long inputs at {@code maxTokens}.
     *
     * @throws EmbeddingException when the file cannot be read or the cut is not where it must be
     */
    static Tokenization load(ModelSpec spec) {
        Map<String, String> options = new HashMap<>();
        // The file's own settings are not trusted: we cut at maxTokens ourselves and never pad single inputs.
        options.put("truncation", "false");
        options.put("padding", "false");
        options.put("addSpecialTokens", "true");
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = spec.tokenizer().open()) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddingException(
                    "cannot load the tokenizer from " + spec.tokenizer() + ": " + e.getMessage(), e);
        }
        return new Tokenization(spec, tokenizer);
    }

    /**
     * Proves that long inputs are cut at {@code maxTokens}, neither earlier (a tokenizer file's own truncation)
     * nor later.
     *
     * @throws EmbeddingException when they are not
     */
    void checkTruncation() {
        String longText = "lecture ".repeat(spec.maxTokens() * 2);
        int raw = tokenizer.encode(longText).getIds().length;
        int cut = encode(longText).length();
        if (raw <= spec.maxTokens() || cut != spec.maxTokens()) {
            throw new EmbeddingException("the tokenizer of " + spec.id() + " does not cut inputs at "
                    + spec.maxTokens() + " tokens (it gave " + raw + " tokens before the cut and " + cut
                    + " after); check the tokenizer file's truncation settings");
        }
    }

    /** {@code text} as model input, special tokens included, cut at {@code maxTokens}. */
    Tokens encode(String text) {
        Encoding encoding = tokenizer.encode(text, true, false);
        long[] ids = encoding.getIds();
        long[] typeIds = encoding.getTypeIds();
        int max = spec.maxTokens();
        if (ids.length > max) {
            // Keep the closing special token ([SEP] for BERT models), as HuggingFace truncation does.
            long last = ids[ids.length - 1];
            ids = Arrays.copyOf(ids, max);
            ids[max - 1] = last;
            typeIds = Arrays.copyOf(typeIds, max);
        }
        return new Tokens(ids, typeIds);
    }

    /** Tokens of {@code text} without special tokens and uncut. */
    int count(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    /** Tokens of {@code text} with the model's special tokens, uncut. */
    int countWithSpecialTokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
