package org.helpline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.helpline.auth.Digests;

/**
 * A Lua script kept as a resource under {@code lua/}, with its SHA-1 for EVALSHA and the KEYS and ARGV its header
 * declares. Its body is {@code lua/prelude.lua} (the pieces every script shares) followed by the script's own text.
 */
record LuaScript(String name, String body, String sha, ScriptHeader header) {
    private static final String PRELUDE = resource("prelude");

    /** Reads the script from the classpath: blocking, call at start. */
    static LuaScript load(String name) {
        return of(name, resource(name));
    }

    /** The script {@code name} with this text (its header first), after the prelude. */
    static LuaScript of(String name, String text) {
        String body = PRELUDE + "\n" + text;
        return new LuaScript(name, body, Digests.sha1(body), ScriptHeader.parse(name, text));
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
