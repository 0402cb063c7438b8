package org.helpline.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One mapping of a YAML file with the path that led to it, so that every error names the file and the field.
 * Unknown keys are refused: a typo in a safety setting must not be ignored silently. So is a key given twice in one
 * mapping (SnakeYAML would keep the last: a second {@code sessions:} block appended at the end would replace the
 * whole first one).
 */
final class ConfigSection {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final String CODE_RULE = "is not a short code (letters, digits, '-', '_')";
    private static final String LANGUAGE_RULE = "is not a language code: lower-case ISO 639, such as fr, en or ar";

    private final String file;
    private final String path;
    private final Map<?, ?> values;

    ConfigSection(String file, String path, Map<?, ?> values) {
        this.file = file;
        this.path = path;
        this.values = values == null ? Map.of() : values;
    }

    /**
     * One YAML file of the configuration directory as a section; every failure names the file. Blocking: call it at
     * start or on a worker.
     */
    static ConfigSection read(Path directory, String name) {
        Path path = directory.resolve(name);
        String label = path.toString();
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            Object document = new Yaml(new SafeConstructor(options)).load(text);
            if (document == null) {
                return new ConfigSection(label, "", Map.of());
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new ConfigException(label, "(document)", "must be a mapping of fields");
            }
            return new ConfigSection(label, "", map);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, "(file)", "is missing");
        } catch (IOException e) {
            throw new ConfigException(label, "(file)", "cannot be read: " + e.getMessage());
        } catch (MarkedYAMLException e) {
            throw new ConfigException(label, "(syntax)", located(e));
        } catch (YAMLException e) {
            throw new ConfigException(label, "(syntax)", e.getMessage().replace('\n', ' '));
        }
    }

    /**
     * A YAML error in one line: the problem and where (lines and columns from 1), without the lines of the file that
     * SnakeYAML's own message quotes (one may hold a secret: a token, a webhook secret, a password hash).
     */
    private static String located(MarkedYAMLException e) {
        String what = e.getProblem() == null ? String.valueOf(e.getContext()) : e.getProblem();
        StringBuilder text = new StringBuilder(what);
        Mark problem = e.getProblemMark();
        if (problem != null) {
            text.append(" at line ").append(problem.getLine() + 1).append(", column ").append(problem.getColumn() + 1);
        }
        Mark context = e.getContextMark();
        if (e.getProblem() != null && e.getContext() != null) {
            text.append(" (").append(e.getContext());
            if (context != null) {
                text.append(" from line ").append(context.getLine() + 1);
            }
            text.append(')');
        }
        if (e instanceof DuplicateKeyException) {
            text.append(": a field may be given only once in a mapping (the last would silently replace the first)");
        }
        return text.toString();
    }

    Object raw(String key) {
        return values.get(key);
    }

    String file() {
        return file;
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException error(String key, String problem) {
        return new ConfigException(file, field(key), problem);
    }

    void allowOnly(String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Object key : values.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new ConfigException(file, field(String.valueOf(key)),
                        "unknown field (expected one of " + String.join(", ", keys) + ")");
            }
        }
    }

    ConfigSection section(String key) {
        Object value = values.get(key);
        if (value == null) {
            return new ConfigSection(file, field(key), Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, "must be a mapping");
        }
        return new ConfigSection(file, field(key), map);
    }

    List<ConfigSection> sections(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, "must be a list");
        }
        List<ConfigSection> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw error(key + "[" + i + "]", "must be a mapping");
            }
            result.add(new ConfigSection(file, field(key) + "[" + i + "]", map));
        }
        return result;
    }

    Optional<String> optionalString(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map || value instanceof List) {
            throw error(key, "must be a text value");
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    String string(String key) {
        return optionalString(key).orElseThrow(() -> error(key, "is required"));
    }

    String string(String key, String fallback) {
        return optionalString(key).orElse(fallback);
    }

    /** A required text of at most {@code maxChars} characters. */
    String text(String key, int maxChars) {
        String text = string(key);
        if (text.codePointCount(0, text.length()) > maxChars) {
            throw error(key, "must have at most " + maxChars + " characters");
        }
        return text;
    }

    /** A required id: lower-case letters, digits, '.', '_' or '-', at most 64. */
    String id(String key) {
        String id = string(key);
        if (!ID.matcher(id).matches()) {
            throw error(key, "'" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    /** A required id (as {@link #id}) not in {@code seen} yet: adds it there, refuses it the second time. */
    String uniqueId(String key, Set<String> seen) {
        return once(key, id(key), seen);
    }

    /** A required short code (letters, digits, '-', '_'; at most 32) not in {@code seen} yet, as {@link #uniqueId}. */
    String uniqueCode(String key, Set<String> seen) {
        String code = string(key);
        if (!CODE.matcher(code).matches()) {
            throw error(key, "'" + code + "' " + CODE_RULE);
        }
        return once(key, code, seen);
    }

    private String once(String key, String value, Set<String> seen) {
        if (!seen.add(value)) {
            throw error(key, "'" + value + "' is used twice");
        }
        return value;
    }

    /** A list of short codes (letters, digits, '-', '_'; at most 32), in file order. */
    Set<String> codes(String key, List<String> fallback) {
        return matching(key, CODE, CODE_RULE, fallback);
    }

    /**
     * A list of region codes: short codes, in lower case as a visitor's region is kept ({@code Triage}), so that "2A"
     * in the file serves a visitor who typed "2a".
     */
    Set<String> regions(String key, List<String> fallback) {
        Set<String> regions = new LinkedHashSet<>();
        codes(key, fallback).forEach(code -> regions.add(code.toLowerCase(Locale.ROOT)));
        return regions;
    }

    /** A list of ISO 639 language codes in lower case (fr, en, ar...), in file order. */
    Set<String> languages(String key, List<String> fallback) {
        return matching(key, LANGUAGE, LANGUAGE_RULE, fallback);
    }

    private Set<String> matching(String key, Pattern shape, String rule, List<String> fallback) {
        Set<String> codes = new LinkedHashSet<>();
        for (String code : strings(key, fallback)) {
            if (!shape.matcher(code).matches()) {
                throw error(key, "'" + code + "' " + rule);
            }
            codes.add(code);
        }
        return codes;
    }

    /** The keys of a mapping field that is by language (fr, en...), in file order (none when absent). */
    List<String> languageKeys(String key) {
        List<String> languages = keys(key);
        for (String language : languages) {
            if (!LANGUAGE.matcher(language).matches()) {
                throw section(key).error(language, "is not a language code such as fr or en");
            }
        }
        return languages;
    }

    /** The keys of a mapping field, in file order (none when absent). */
    List<String> keys(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, "must be a mapping");
        }
        return map.keySet().stream().map(String::valueOf).toList();
    }

    int integer(String key, int fallback, int min, int max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer number) || number < min || number > max) {
            throw error(key, "must be a whole number between " + min + " and " + max + ", got '" + value + "'");
        }
        return number;
    }

    double number(String key, double fallback, double min, double max) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() < min || number.doubleValue() > max) {
            throw error(key, "must be a number between " + min + " and " + max + ", got '" + value + "'");
        }
        return number.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw error(key, "must be true or false, got '" + value + "'");
        }
        return flag;
    }

    List<String> strings(String key, List<String> fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, "must be a list of text values");
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (item == null || item instanceof Map || item instanceof List) {
                throw error(key, "must be a list of text values");
            }
            result.add(String.valueOf(item));
        }
        return List.copyOf(result);
    }
}
