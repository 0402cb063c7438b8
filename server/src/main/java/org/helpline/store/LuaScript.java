package org.helpline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.helpline.auth.Digests;

/**
 * A Lua script kept as a resource under {@code lua/}, with its SHA-1 for EVALSHA. Its body is {@code lua/prelude.lua}
 * (the pieces every script shares) followed by the script's own text.
 */
public record LuaScript(String name, String body, String sha) {
    private static final String PRELUDE = resource("prelude");

    /** Reads the script from the classpath: blocking, call at start. */
    public static LuaScript load(String name) {
        String body = PRELUDE + "\n" + resource(name);
        return new LuaScript(name, body, Digests.sha1(body));
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
