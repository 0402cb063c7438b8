package org.helpline.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of a YAML file with the path that led to it, so that every error names the file and the field.
 * Unknown keys are refused: a typo in a safety setting must not be ignored silently.
 */
final class ConfigSection {
    private final String file;
    private final String path;
    private final Map<?, ?> values;

    ConfigSection(String file, String path, Map<?, ?> values) {
        this.file = file;
        this.path = path;
        this.values = values == null ? Map.of() : values;
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
