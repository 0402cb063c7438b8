package org.helpline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Lua script kept as a resource under {@code lua/}, with the KEYS and ARGV its header declares. It runs as a
 * function of the server's {@link ScriptLibrary}, after {@code lua/prelude.lua} (the pieces every script shares), with
 * the Redis function flags a {@code -- Flags:} line of its header names, if any: {@code no-writes} for a script that
 * only reads (Redis runs it also when it refuses writes: out of memory, a failing disk), {@code allow-oom} for one
 * whose writes free memory, or nearly none (run out of memory too, where a function without flags is refused whole).
 */
record LuaScript(String name, String text, ScriptHeader header, List<String> flags) {
    private static final Pattern FLAGS = Pattern.compile("^-- Flags: ([a-z-]+(?:, [a-z-]+)*)",
            Pattern.MULTILINE);
    static final String PRELUDE = resource("prelude");
    /** Every script {@link #load}ed, by name. */
    private static final Map<String, LuaScript> LOADED = new ConcurrentHashMap<>();

    /** Reads the script from the classpath: blocking, call at start. */
    static LuaScript load(String name) {
        return LOADED.computeIfAbsent(name, ignored -> of(name, resource(name)));
    }

    /** The scripts {@link #load}ed so far. */
    static Collection<LuaScript> loaded() {
        return List.copyOf(LOADED.values());
    }

    /** The script {@code name} with this text (its header first). */
    static LuaScript of(String name, String text) {
        Matcher flags = FLAGS.matcher(text);
        return new LuaScript(name, text, ScriptHeader.parse(name, text),
                flags.find() ? List.of(flags.group(1).split(", ")) : List.of());
    }

    /** A call of this script, its keys and arguments to be given by name. */
    ScriptCall call() {
        return new ScriptCall(this);
    }

    private static String resource(String name) {
        String path = "/lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }
}
