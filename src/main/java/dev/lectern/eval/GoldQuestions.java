package dev.lectern.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads gold question files: JSON Lines, one object per line with {@code question} (required), {@code spans}
 * (required, {@code [["HH:MM:SS", "HH:MM:SS"], ...]}, empty when the lecture does not answer the question),
 * and optional {@code id}, {@code kind} and {@code lectureId}. Other fields are ignored. See docs/evaluation.md.
 */
public final class GoldQuestions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldQuestions() {}

    /**
     * Reads a question file.
     *
     * @throws IllegalArgumentException naming the line and field at fault
     */
    public static List<GoldQuestion> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<GoldQuestion> questions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            questions.add(parse(line, i + 1));
        }
        if (questions.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no questions");
        }
        return questions;
    }

    static GoldQuestion parse(String line, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": not a JSON object: " + e.getOriginalMessage());
        }
        String question = text(node, "question");
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("line " + lineNumber + ": 'question' is missing");
        }
        JsonNode spansNode = node.get("spans");
        if (spansNode == null || !spansNode.isArray()) {
            throw new IllegalArgumentException(
                    "line " + lineNumber + ": 'spans' must be an array of [\"HH:MM:SS\", \"HH:MM:SS\"] pairs");
        }
        List<double[]> spans = new ArrayList<>();
        for (JsonNode span : spansNode) {
            if (!span.isArray() || span.size() != 2) {
                throw new IllegalArgumentException(
                        "line " + lineNumber + ": each span must be a pair [\"HH:MM:SS\", \"HH:MM:SS\"], was " + span);
            }
            double start = seconds(span.get(0).asText(), lineNumber);
            double end = seconds(span.get(1).asText(), lineNumber);
            if (end < start) {
                throw new IllegalArgumentException("line " + lineNumber + ": span " + span + " ends before it starts");
            }
            spans.add(new double[] {start, end});
        }
        String id = text(node, "id");
        String kind = text(node, "kind");
        return new GoldQuestion(
                id == null ? "line-" + lineNumber : id,
                question.strip(),
                spans,
                kind == null ? (spans.isEmpty() ? "none" : "unlabelled") : kind,
                text(node, "lectureId"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code HH:MM:SS}, {@code MM:SS} or plain seconds, with optional fractions. */
    static double seconds(String time, int lineNumber) {
        try {
            double seconds = 0;
            for (String part : time.strip().split(":")) {
                seconds = seconds * 60 + Double.parseDouble(part);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + lineNumber + ": '" + time + "' is not a time like HH:MM:SS");
        }
    }
}
