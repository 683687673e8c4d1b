package dev.lectern.lecture;

import dev.lectern.InvalidRequestException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rule for lecture ids, in one place: 1-128 characters of {@code [A-Za-z0-9._-]}. */
public final class LectureId {

    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");

    private LectureId() {}

    /** Whether {@code id} is a valid lecture id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /**
     * Returns {@code id} when it is valid.
     *
     * @param field the parameter, body field or setting that holds the id, for the message
     * @throws InvalidRequestException naming the field, the value and the rule otherwise
     */
    public static String check(String field, String id) {
        if (!isValid(id)) {
            throw new InvalidRequestException(
                    field,
                    field + " '" + id + "' is not a valid lecture id: use 1-" + MAX_LENGTH
                            + " characters of A-Z, a-z, 0-9, '.', '_' or '-'");
        }
        return id;
    }

    /**
     * Derives an id from a free name (a file name, a title): lower case, runs of other characters become
     * '-', cut to the maximum length.
     */
    public static String slug(String name) {
        String slug =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
        }
        return slug.isEmpty() ? "lecture" : slug;
    }
}
