package org.helpline.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.helpline.auth.Digests;

/** A Lua script kept as a resource under {@code lua/}, with its SHA-1 for EVALSHA. */
public record LuaScript(String name, String body, String sha) {

    /** Reads the script from the classpath: blocking, call at start. */
    public static LuaScript load(String name) {
        String resource = "/lua/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new LuaScript(name, body, Digests.sha1(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

}
