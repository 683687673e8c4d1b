package dev.lectern.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Constraint;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@code @ConfigMapping} of Lectern, read the way Quarkus reads it at start (SmallRye Config with Bean
 * Validation): defaults are valid, a bad value is refused naming its key and its rule, every number and duration has
 * a rule, and the README's configuration table lists exactly the mapped keys with their defaults.
 */
class ConfigMappingsTest {

    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void defaultsAreValid() {
        assertDoesNotThrow(() -> read(Map.of()));
    }

    @ParameterizedTest
    @CsvSource({
        "lectern.search.candidates-per-result, 0, must be greater than 0",
        "lectern.search.default-k, 0, must be greater than 0",
        "lectern.search.time-diversity, 1.5, must be less than or equal to 1",
        "lectern.search.warm-up, PT-1S, must not be negative",
        "lectern.max-transcript-bytes, 0, must be at least 1 byte",
        "lectern.passage-cache-size, -1, must be greater than or equal to 0",
        "lectern.chapters.min-duration, 0s, must be longer than 0",
        "lectern.embedding.max-concurrent-queries, 0, must be greater than 0",
        "lectern.embedding.max-tokens, 0, must be greater than 0",
        "lectern.embedding.model, ' ', must not be blank",
        "lectern.passages.target-tokens, 7, must be greater than or equal to 8",
        "lectern.qdrant.retries, 11, must be less than or equal to 10",
        "lectern.qdrant.port, 70000, must be less than or equal to 65535",
        "lectern.qdrant.rebuild-lease, 5s, must be at least 10s",
        "lectern.llm.temperature, 3, must be less than or equal to 2",
        "lectern.rate-limit.searches-per-second, -1, must be greater than or equal to 0",
        "lectern.http.max-header-size, 0, must be at least 1 byte",
    })
    void refusesBadValueNamingKeyAndRule(String key, String value, String rule) {
        ConfigValidationException refused =
                assertThrows(ConfigValidationException.class, () -> read(Map.of(key, value)));
        assertEquals(1, refused.getProblemCount(), refused.getMessage());
        assertEquals(key + " " + rule, refused.getProblem(0).getMessage());
    }

    @Test
    void everyNumberAndDurationHasARule() {
        List<String> unchecked = new ArrayList<>();
        for (Class<?> mapping : mappings()) {
            for (Method property : properties(mapping)) {
                Class<?> type = property.getReturnType();
                boolean measured = type.isPrimitive() && type != boolean.class
                        || type == OptionalInt.class
                        || type == Duration.class
                        || type == MemorySize.class;
                if (measured && !hasConstraint(property)) {
                    unchecked.add(mapping.getSimpleName() + "." + property.getName());
                }
            }
        }
        assertEquals(List.of(), unchecked, "settings without a Bean Validation rule");
    }

    @Test
    void readmeTableListsEveryKeyWithItsDefault() throws IOException {
        Map<String, String> mapped = new TreeMap<>(); // key -> @WithDefault, or "" when none
        for (Class<?> mapping : mappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            for (Method property : properties(mapping)) {
                WithDefault withDefault = property.getAnnotation(WithDefault.class);
                mapped.put(prefix + "." + name(property), withDefault == null ? "" : withDefault.value());
            }
        }
        Map<String, String> documented = readmeTable();

        TreeSet<String> missing = new TreeSet<>(mapped.keySet());
        missing.removeAll(documented.keySet());
        assertEquals(new TreeSet<>(), missing, "keys missing from the README's configuration table");
        TreeSet<String> unknown = new TreeSet<>(documented.keySet());
        unknown.removeAll(mapped.keySet());
        assertEquals(new TreeSet<>(), unknown, "README rows naming keys no mapping has");

        List<String> wrong = new ArrayList<>();
        mapped.forEach((key, value) -> {
            String cell = documented.get(key);
            Matcher literal = Pattern.compile("`([^`]*)`").matcher(cell);
            if (!value.isEmpty() && !(literal.lookingAt() && literal.group(1).equals(value))) {
                wrong.add(key + ": README says '" + cell + "', the mapping's default is '" + value + "'");
            }
        });
        assertEquals(List.of(), wrong);
    }

    /** Reads every mapping from {@code values} as Quarkus does at start, validation included. */
    private static void read(Map<String, String> values) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(values, "test", 500))
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR);
        for (Class<?> mapping : mappings()) {
            builder.withMapping(mapping);
        }
        builder.build();
    }

    /** Every {@code @ConfigMapping} interface in Lectern's own classes. */
    static List<Class<?>> mappings() {
        try {
            Path classes = Path.of(LecternConfig.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            List<Class<?>> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = classes.relativize(file)
                            .toString()
                            .replace(file.getFileSystem().getSeparator(), ".");
                    Class<?> type = Class.forName(
                            name.substring(0, name.length() - ".class".length()),
                            false,
                            ConfigMappingsTest.class.getClassLoader());
                    if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                        found.add(type);
                    }
                }
            }
            assertFalse(found.isEmpty(), "no @ConfigMapping found under " + classes);
            return found;
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Method> properties(Class<?> mapping) {
        return Arrays.stream(mapping.getDeclaredMethods())
                .filter(method -> Modifier.isAbstract(method.getModifiers()))
                .filter(method -> method.getParameterCount() == 0)
                .peek(method -> assertFalse(
                        method.getReturnType().isAnnotationPresent(ConfigMapping.class)
                                || method.getReturnType().isInterface()
                                        && method.getReturnType()
                                                .getPackageName()
                                                .startsWith("dev.lectern"),
                        "nested groups are not read by this test yet: " + method))
                .toList();
    }

    private static String name(Method property) {
        WithName withName = property.getAnnotation(WithName.class);
        if (withName != null) {
            return withName.value();
        }
        return property.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean hasConstraint(Method property) {
        for (Annotation annotation : property.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code lectern.*} rows of the README's configuration table, key to default cell. A row may name several
     * keys ({@code `lectern.qdrant.timeout`, `retries`}), the later ones relative to the first's prefix, with as many
     * defaults separated the same way, or one default for all. Quarkus's own keys are not Lectern's to check.
     */
    private static Map<String, String> readmeTable() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : section.lines().toList()) {
            if (!line.startsWith("| `lectern.")) {
                continue;
            }
            String[] cells = line.split("\\s*\\|\\s*");
            List<String> keys = List.of(cells[1].split(", | / "));
            String[] defaults = cells[2].split(", | / ");
            String first = keys.get(0).replace("`", "");
            String prefix = first.substring(0, first.lastIndexOf('.') + 1);
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i).replace("`", "");
                String value = defaults.length == keys.size() ? defaults[i] : cells[2];
                assertTrue(rows.put(i == 0 ? key : prefix + key, value) == null, "README lists " + key + " twice");
            }
        }
        return rows;
    }
}
