package dev.lectern.search;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, and whether a quoted answer is of that kind: the answer-type check
 * of classic question answering. A lecture that talks about a topic often does not say the one figure or name
 * a question asks for ("How many parameters does it have?"); a passage on the topic then matches well in
 * meaning, and only the missing number gives the gap away.
 */
enum AnswerType {
    /** Questions about an amount: the answer must contain a number. */
    QUANTITY,
    /** Questions for a title or a name: the answer must name something the question does not. */
    NAME,
    /** Any other question: no check. */
    ANY;

    private static final Pattern QUANTITY_QUESTION = Pattern.compile(
            "\\bhow (many|much|long|big|large|small|fast|often|old|high|far)\\b"
                    + "|\\bwhat (number|percentage|proportion|fraction|ratio|size|resolution|frame ?rate|value|year|price"
                    + "|speed|accuracy|score)s?\\b"
                    // A date: "in which year", "when did / will ...", but not "When X does Y, what ...".
                    + "|\\bwhich year\\b|^when (did|was|were|will|is|does|do)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME_QUESTION = Pattern.compile(
            "\\b(title|name) of\\b|\\bwhat (is|was|are|were) (it|they|this|that) called\\b|^who\\b",
            Pattern.CASE_INSENSITIVE);
    /** A number on its own, not one inside a name such as GPT-4V or GLM4V; or a number word. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![A-Za-z])(?<![A-Za-z]-)\\d|\\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?"
                    + "|thousands?|millions?|billions?|trillions?|dozens?|half|twice|double|triple)\\b",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9'-]*");

    /** The kind of answer {@code question} asks for. */
    static AnswerType of(String question) {
        if (QUANTITY_QUESTION.matcher(question).find()) {
            return QUANTITY;
        }
        if (NAME_QUESTION.matcher(question.strip()).find()) {
            return NAME;
        }
        return ANY;
    }

    /** Whether {@code answer} could be an answer of this kind to {@code question}. */
    boolean fits(String question, String answer) {
        return switch (this) {
            case ANY -> true;
            case QUANTITY -> NUMBER.matcher(answer).find();
            case NAME -> namesSomethingNew(question, answer);
        };
    }

    /** A capitalised word, not opening a sentence, that the question does not contain. */
    private static boolean namesSomethingNew(String question, String answer) {
        Set<String> asked = new HashSet<>();
        Matcher questionWords = WORD.matcher(question);
        while (questionWords.find()) {
            asked.add(questionWords.group().toLowerCase(Locale.ROOT));
        }
        Matcher words = WORD.matcher(answer);
        boolean sentenceStart = true;
        int previousEnd = 0;
        while (words.find()) {
            String between = answer.substring(previousEnd, words.start());
            if (between.matches(".*[.?!]\\s*")) {
                sentenceStart = true;
            }
            String word = words.group();
            boolean capitalised = Character.isUpperCase(word.charAt(0)) && word.length() > 1 && !word.startsWith("I'");
            if (capitalised && !sentenceStart && !asked.contains(word.toLowerCase(Locale.ROOT))) {
                return true;
            }
            sentenceStart = false;
            previousEnd = words.end();
        }
        return false;
    }
}
