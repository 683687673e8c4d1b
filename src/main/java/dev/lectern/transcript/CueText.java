package dev.lectern.transcript;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the raw text of a cue into the words that were spoken. */
final class CueText {

    // Square brackets in speech-to-text output are always editorial ([BLANK_AUDIO], [Music], [ __ ] for a
    // bleeped word). Digits are excluded so that a citation like [1] read out in a talk survives.
    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\[\\]\\d]{1,60}]");

    // Parentheses are also used in real speech transcripts ("the model (GPT) works"), so only
    // lower-case sound descriptions like "(laughs)" or known sound words like "(Applause)" count as markers.
    private static final Pattern PARENTHESISED = Pattern.compile("(?<!\\w)\\(([A-Za-z][A-Za-z' -]{0,40})\\)");
    private static final Set<String> SOUND_WORDS = Set.of(
            "applause",
            "laughter",
            "laughs",
            "laughing",
            "music",
            "silence",
            "inaudible",
            "crosstalk",
            "cough",
            "coughs",
            "coughing",
            "noise",
            "cheering",
            "sighs",
            "blank_audio",
            "no audio",
            "static");

    // Whisper and YouTube mark sung or played music with notes; song lyrics are not lecture speech either.
    private static final Pattern MUSIC = Pattern.compile("[♪♫♬][^♪♫♬]{0,80}[♪♫♬]|[♪♫♬\\x{1F3B5}\\x{1F3B6}]");

    // "- " and ">> " start a new speaker's turn in Whisper and YouTube output; the words stay.
    private static final Pattern SPEAKER_TURN = Pattern.compile("^(?:-+|>>)\\s+");

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SSA_OVERRIDE = Pattern.compile("\\{\\\\[^}]*}");
    private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);");
    private static final Map<String, String> NAMED_ENTITIES =
            Map.of("amp", "&", "lt", "<", "gt", ">", "nbsp", " ", "quot", "\"", "apos", "'", "lrm", "", "rlm", "");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

    private CueText() {}

    /** Removes non-speech markers and speaker-turn dashes and collapses whitespace; may return "". */
    static String clean(String text) {
        String words = BRACKETED.matcher(text).replaceAll(" ");
        words = removeParenthesisedMarkers(words);
        words = MUSIC.matcher(words).replaceAll(" ");
        words = SPACES.matcher(words).replaceAll(" ").strip();
        return SPEAKER_TURN.matcher(words).replaceFirst("");
    }

    /** Removes markup tags ({@code <v Name>}, {@code <c>}, {@code <i>}, {@code <00:00:01.500>}...). */
    static String stripTags(String text) {
        return TAG.matcher(text).replaceAll("");
    }

    /** Removes SubStation override codes such as {@code {\an8}} that some SRT files carry. */
    static String stripOverrides(String text) {
        return SSA_OVERRIDE.matcher(text).replaceAll("");
    }

    /**
     * Decodes HTML character references in one pass, so that {@code &amp;lt;} becomes {@code &lt;} and not
     * {@code <}. Unknown names are left as written.
     */
    static String decodeEntities(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decodeEntity(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decodeEntity(String name, String asWritten) {
        if (name.startsWith("#")) {
            boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
            int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
            return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : asWritten;
        }
        return NAMED_ENTITIES.getOrDefault(name, asWritten);
    }

    private static String removeParenthesisedMarkers(String text) {
        Matcher m = PARENTHESISED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inside = m.group(1).strip();
            // At least three letters, so that enumerations like "(a)" are kept.
            boolean marker = inside.length() >= 3 && inside.equals(inside.toLowerCase(Locale.ROOT))
                    || SOUND_WORDS.contains(inside.toLowerCase(Locale.ROOT));
            m.appendReplacement(out, marker ? " " : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
