package org.helpline.transport;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading the fields of an inbound frame; a wrong field is an {@code invalid} error naming it. */
final class Fields {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String CLIENT_ID_SHAPE = "1 to 64 letters, digits, '-' or '_'";
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Configured ids (outcome tags, risk questions). */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The longest internal note (transfer, escalation, private note), in characters. */
    static final int MAX_NOTE_CHARS = 2000;

    private Fields() {
    }

    /** The optional internal {@code note} of a transfer or an escalation: empty when absent. */
    static String note(JsonObject frame) {
        String note = optionalString(frame, "", "note").orElse("");
        if (characters(note) > MAX_NOTE_CHARS) {
            throw ProtocolException.invalid("note", "note must have at most " + MAX_NOTE_CHARS + " characters");
        }
        return note;
    }

    /** The optional {@code search} id of a {@code directory} frame, echoed in its answer (and in an error about it). */
    static Optional<String> search(JsonObject frame) {
        return optionalId(frame, "search");
    }

    /** The optional {@code clientId} of a frame that may be sent again (an {@code escalate}). */
    static Optional<String> optionalClientId(JsonObject frame) {
        return optionalId(frame, "clientId");
    }

    /** The optional {@code page} of a supervisor's {@code monitor}: the id its page made up when it loaded. */
    static Optional<String> page(JsonObject frame) {
        return optionalId(frame, "page");
    }

    private static Optional<String> optionalId(JsonObject frame, String field) {
        return frame.getValue(field) == null ? Optional.empty()
                : Optional.of(matching(frame, field, CLIENT_ID, CLIENT_ID_SHAPE));
    }

    static String clientId(JsonObject frame) {
        return matching(frame, "clientId", CLIENT_ID, CLIENT_ID_SHAPE);
    }

    /** Whether {@code id} has the shape of a conversation reference (never looked up otherwise). */
    static boolean isReference(String id) {
        return REFERENCE.matcher(id).matches();
    }

    static String conversation(JsonObject frame) {
        return matching(frame, "conversation", REFERENCE, "a conversation reference");
    }

    static String text(JsonObject frame, int maxChars) {
        Object value = frame.getValue("text");
        if (!(value instanceof String text) || text.isBlank()) {
            throw ProtocolException.invalid("text", "text must be a non-empty string");
        }
        if (characters(text) > maxChars) {
            throw new ProtocolException(ProtocolError.TEXT_TOO_LONG,
                    "The message text is longer than " + maxChars + " characters.", "text");
        }
        return text;
    }

    static String string(JsonObject frame, String field, int maxLength) {
        Object value = frame.getValue(field);
        if (!(value instanceof String text) || text.isEmpty() || characters(text) > maxLength) {
            throw ProtocolException.invalid(field, field + " must be a string of 1 to " + maxLength + " characters");
        }
        return text;
    }

    /** Characters as protocol.md counts them: Unicode code points (an emoji is one, not two). */
    private static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    static long sequence(JsonObject frame, String field) {
        Object value = frame.getValue(field);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number) || number.longValue() < 0 || number.doubleValue() % 1 != 0) {
            throw ProtocolException.invalid(field, field + " must be a whole number >= 0");
        }
        return number.longValue();
    }

    static Optional<String> optionalString(JsonObject object, String prefix, String field) {
        Object value = object.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw ProtocolException.invalid(prefix + field, prefix + field + " must be a string");
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    static boolean flag(JsonObject object, String prefix, String field) {
        Object value = object.getValue(field);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw ProtocolException.invalid(prefix + field, prefix + field + " must be true or false");
        }
        return flag;
    }

    static JsonObject object(JsonObject frame, String field) {
        Object value = frame.getValue(field);
        if (value == null) {
            return new JsonObject();
        }
        if (!(value instanceof JsonObject object)) {
            throw ProtocolException.invalid(field, field + " must be an object");
        }
        return object;
    }

    /**
     * An optional list of conversation references (none when absent), each once, in order; an item that is no
     * reference is passed over, as a chat nobody could name.
     */
    static List<String> references(JsonObject frame, String field) {
        Object value = frame.getValue(field);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw ProtocolException.invalid(field, field + " must be a list of conversation references");
        }
        Set<String> references = new LinkedHashSet<>();
        for (Object item : array) {
            if (item instanceof String reference && isReference(reference)) {
                references.add(reference);
            }
        }
        return List.copyOf(references);
    }

    /**
     * A list of 1 to {@code maxItems} short codes (ids), each named {@code field} when wrong; duplicates dropped before
     * they are counted (the frame's size bounds the list).
     */
    static List<String> codes(JsonObject frame, String field, int maxItems) {
        Object value = frame.getValue(field);
        Set<String> codes = new LinkedHashSet<>();
        if (value instanceof JsonArray array) {
            for (Object item : array) {
                if (!(item instanceof String code) || !CODE.matcher(code).matches()) {
                    throw ProtocolException.invalid(field, field + " must hold ids (letters, digits, '-', '_', '.')");
                }
                codes.add(code);
            }
        }
        if (codes.isEmpty() || codes.size() > maxItems) {
            throw ProtocolException.invalid(field, field + " must be a list of 1 to " + maxItems + " ids");
        }
        return List.copyOf(codes);
    }

    /** An object of {@code id: true|false}, at most {@code maxEntries} of them, each id a short code. */
    static Map<String, Boolean> answers(JsonObject frame, String field, int maxEntries) {
        Object value = frame.getValue(field);
        if (!(value instanceof JsonObject object) || object.size() > maxEntries) {
            throw ProtocolException.invalid(field, field + " must be an object of at most " + maxEntries
                    + " answers");
        }
        Map<String, Boolean> answers = new LinkedHashMap<>();
        for (String key : object.fieldNames()) {
            if (!CODE.matcher(key).matches() || !(object.getValue(key) instanceof Boolean answer)) {
                throw ProtocolException.invalid(field, field + " must map question ids to true or false");
            }
            answers.put(key, answer);
        }
        return answers;
    }

    private static String matching(JsonObject frame, String field, Pattern pattern, String expected) {
        Object value = frame.getValue(field);
        if (!(value instanceof String text) || !pattern.matcher(text).matches()) {
            throw ProtocolException.invalid(field, field + " must be " + expected);
        }
        return text;
    }
}
