package org.helpline.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys and arguments of one run of a script, each given by the name the script's header declares; the header
 * lays them out in its order when the call is sent, and refuses a name it does not declare or one left out.
 */
final class ScriptCall {
    /** The name scripts give the key of the conversation they are about. */
    private static final String CONVERSATION = "conversation";
    private final LuaScript script;
    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final Map<String, List<String>> args = new LinkedHashMap<>();

    ScriptCall(LuaScript script) {
        this.script = script;
    }

    ScriptCall key(String name, String key) {
        return keys(name, List.of(key));
    }

    ScriptCall keys(String name, List<String> keys) {
        return put(this.keys, "KEYS", name, keys);
    }

    ScriptCall arg(String name, String value) {
        return args(name, List.of(value));
    }

    ScriptCall arg(String name, long value) {
        return arg(name, Long.toString(value));
    }

    /** A flag as the scripts read it: 1 or 0. */
    ScriptCall arg(String name, boolean value) {
        return arg(name, value ? "1" : "0");
    }

    ScriptCall args(String name, List<String> values) {
        return put(this.args, "ARGV", name, values);
    }

    LuaScript script() {
        return script;
    }

    /** The keys by name, as given. */
    Map<String, List<String>> namedKeys() {
        return Map.copyOf(keys);
    }

    /** The arguments by name, as given. */
    Map<String, List<String>> namedArgs() {
        return Map.copyOf(args);
    }

    /** The key given as {@code conversation}: the hash of the one conversation this call is about, if any. */
    Optional<String> conversationKey() {
        List<String> conversation = keys.get(CONVERSATION);
        return conversation == null ? Optional.empty() : Optional.of(conversation.get(0));
    }

    String[] keyArray() {
        return script.header().layOutKeys(script.name(), keys);
    }

    String[] argArray() {
        return script.header().layOutArgs(script.name(), args);
    }

    private ScriptCall put(Map<String, List<String>> named, String kind, String name, List<String> values) {
        if (named.put(name, List.copyOf(values)) != null) {
            throw new IllegalArgumentException(script.name() + ": " + kind + " " + name + " given twice");
        }
        return this;
    }
}
