package dev.lectern.mcp;

import dev.lectern.chapter.Outline;
import dev.lectern.ingest.LectureService;
import dev.lectern.ingest.OutlineService;
import dev.lectern.lecture.Lecture;
import dev.lectern.lecture.LectureId;
import dev.lectern.search.SearchRequests;
import dev.lectern.search.SearchService;
import dev.lectern.search.TranscriptWindow;
import dev.lectern.transcript.ClockTime;
import dev.lectern.transcript.Segment;
import dev.lectern.view.PassageView;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The MCP tools chatbots call: search the lectures, list them, read the transcript around a moment. Every
 * answer carries times so that a model can cite the moment it took a fact from. Bad arguments come back as tool
 * errors ({@code isError: true}) the model can read and correct, never as protocol failures; so does a store or
 * model outage ({@link ToolErrors}: the tools check nothing themselves, the rules are those of every edge). Every
 * structured result follows the schema rule of {@link ToolOutputSchemas}: all properties
 * present, absent values as {@code null} where the schema says so.
 */
@ToolErrors
public class LectureTools {

    static final int MAX_K = 20;

    private final SearchService search;
    private final SearchRequests requests;
    private final LectureService lectures;
    private final OutlineService outlines;

    LectureTools(SearchService search, SearchRequests requests, LectureService lectures, OutlineService outlines) {
        this.search = search;
        this.requests = requests;
        this.lectures = lectures;
        this.outlines = outlines;
    }

    /** Structured result of {@code search_lecture}: the passages, as the REST API returns them. */
    public record SearchResults(List<PassageView> results) {}

    /** Structured result of {@code list_lectures}. */
    public record Lectures(List<Lecture> lectures) {}

    /** Structured result of {@code get_transcript}. */
    public record Transcript(String lectureId, String lectureTitle, String from, String to, List<Line> segments) {}

    /** One transcript segment with its times. */
    public record Line(String start, String end, String text) {}

    /** Structured result of {@code get_outline}. */
    public record LectureOutline(String lectureId, String lectureTitle, String source, List<Section> chapters) {}

    /** One chapter of {@code get_outline}, times as HH:MM:SS. */
    public record Section(
            int index,
            String title,
            String start,
            String end,
            double startSeconds,
            double endSeconds,
            List<String> keywords) {}

    @Tool(
            name = "search_lecture",
            description = "Search recorded lectures for the passages that answer a question. Use it whenever the user"
                    + " asks about the content of a lecture. Returns the best passages, best first, each with its"
                    + " lecture, start and end time (HH:MM:SS), the words spoken, and a link to that moment when the"
                    + " recording is online. Cite answers with the passage's start time, e.g. [00:16:26]. Phrase the"
                    + " query as a question or key words; speech recognition misspells names, so also try how a name"
                    + " sounds.",
            outputSchema = @Tool.OutputSchema(from = SearchResults.class, generator = ToolOutputSchemas.class))
    public ToolResponse searchLecture(
            @ToolArg(description = "What to look for, as a question or key words (1-1000 characters)") String query,
            @ToolArg(description = "How many passages to return, 1-20", required = false, defaultValue = "5") int k,
            @ToolArg(
                            description = "Only search this lecture (an id from list_lectures); omit to search all"
                                    + " lectures",
                            required = false)
                    String lectureId) {
        List<PassageView> passages =
                search.search(requests.of(SearchRequests.Fields.TOOL, query, k, MAX_K, lectureId, null)).hits().stream()
                        .map(PassageView::of)
                        .toList();
        String text = passages.isEmpty()
                ? "No passage matches."
                : passages.stream()
                        .map(p ->
                                "[" + p.start().substring(0, 8) + "–" + p.end().substring(0, 8) + "] "
                                        + p.lectureTitle() + " › " + p.chapter().title() + ": " + p.text()
                                        + (p.link() == null ? "" : " (" + p.link() + ")"))
                        .collect(Collectors.joining("\n\n"));
        return new ToolResponse(false, List.of(new TextContent(text)), new SearchResults(passages), Map.of());
    }

    @Tool(
            name = "list_lectures",
            description = "List the lectures Lectern can search: id, title, source URL, number of passages, duration"
                    + " in seconds and when each was indexed. Use the ids to restrict search_lecture or"
                    + " get_transcript to one lecture.",
            outputSchema = @Tool.OutputSchema(from = Lectures.class, generator = ToolOutputSchemas.class))
    public ToolResponse listLectures() {
        List<Lecture> stored = lectures.list();
        String text = stored.isEmpty()
                ? "No lectures are indexed."
                : stored.stream()
                        .map(l -> l.id() + ": " + l.title() + " ("
                                + ClockTime.formatWithoutMillis(Math.round(l.durationSeconds() * 1000))
                                + (l.sourceUrl() == null ? "" : ", " + l.sourceUrl()) + ")")
                        .collect(Collectors.joining("\n"));
        return new ToolResponse(false, List.of(new TextContent(text)), new Lectures(stored), Map.of());
    }

    @Tool(
            name = "get_transcript",
            description = "Read what was said in a lecture between two times, segment by segment with times: more"
                    + " context around a passage found by search_lecture. Times as HH:MM:SS or seconds; at most 10"
                    + " minutes per call.",
            outputSchema = @Tool.OutputSchema(from = Transcript.class, generator = ToolOutputSchemas.class))
    public ToolResponse getTranscript(
            @ToolArg(description = "The lecture's id, from list_lectures or a search result") String lectureId,
            @ToolArg(description = "Start of the window, HH:MM:SS or seconds, e.g. 00:16:00") String from,
            @ToolArg(description = "End of the window, HH:MM:SS or seconds; at most 10 minutes after from") String to) {
        TranscriptWindow window = lectures.transcript(lectureId(lectureId), "from", from, "to", to);
        List<Line> lines = window.segments().stream()
                .map(s -> new Line(
                        ClockTime.formatWithoutMillis(s.startMillis()),
                        ClockTime.formatWithoutMillis(s.endMillis()),
                        s.text()))
                .toList();
        String text = window.segments().isEmpty()
                ? "Nothing was said between " + ClockTime.formatWithoutMillis(window.fromMillis()) + " and "
                        + ClockTime.formatWithoutMillis(window.toMillis()) + "."
                : window.lecture().title() + "\n"
                        + window.segments().stream().map(LectureTools::line).collect(Collectors.joining("\n"));
        return new ToolResponse(
                false,
                List.of(new TextContent(text)),
                new Transcript(
                        window.lecture().id(),
                        window.lecture().title(),
                        ClockTime.formatWithoutMillis(window.fromMillis()),
                        ClockTime.formatWithoutMillis(window.toMillis()),
                        lines),
                Map.of());
    }

    @Tool(
            name = "get_outline",
            description = "Get a lecture's outline: its chapters in order, each with a title, start and end time"
                    + " (HH:MM:SS) and keywords. Use it to say what a lecture covers, to find the part about a topic"
                    + " (then search_lecture within it or get_transcript for its times), and to name the section a"
                    + " passage comes from. source is 'computed' (from the transcript) or 'provided' (by a person).",
            outputSchema = @Tool.OutputSchema(from = LectureOutline.class, generator = ToolOutputSchemas.class))
    public ToolResponse getOutline(
            @ToolArg(description = "The lecture's id, from list_lectures or a search result") String lectureId) {
        Lecture lecture = lectures.get(lectureId(lectureId));
        Outline outline = outlines.outline(lecture.id());
        List<Section> sections = outline.chapters().stream()
                .map(c -> new Section(
                        c.index(),
                        c.title(),
                        ClockTime.formatWithoutMillis(c.startMillis()),
                        ClockTime.formatWithoutMillis(c.endMillis()),
                        c.startMillis() / 1000.0,
                        c.endMillis() / 1000.0,
                        c.keywords()))
                .toList();
        String text = lecture.title() + "\n"
                + outline.chapters().stream()
                        .map(c -> "[" + ClockTime.formatWithoutMillis(c.startMillis()) + "] " + c.title())
                        .collect(Collectors.joining("\n"));
        return new ToolResponse(
                false,
                List.of(new TextContent(text)),
                new LectureOutline(
                        lecture.id(), lecture.title(), outline.source().id(), sections),
                Map.of());
    }

    /** A required lecture id, by the one lecture-id rule. */
    private static String lectureId(String lectureId) {
        return LectureId.check("lectureId", lectureId == null ? null : lectureId.strip());
    }

    private static String line(Segment segment) {
        return "[" + ClockTime.formatWithoutMillis(segment.startMillis()) + "] " + segment.text();
    }
}
