package org.helpline.store;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.helpline.auth.Digests;

/**
 * The scripts as one Redis function library: {@code lua/prelude.lua} once, then each script registered as a function
 * whose body is the script's text, called with the KEYS and ARGV its header declares, with the flags its header
 * names ({@link LuaScript#flags()}). The library's name and every function's name end with a digest of the library's
 * whole code ({@code helpline_<version>}, {@code start_chat_<version>}), so nodes running different versions of the
 * server each call their own, and loading the same one twice changes nothing.
 *
 * @param version the digest of the code (16 hex digits)
 * @param code what {@code FUNCTION LOAD} is given
 */
record ScriptLibrary(String version, String code) {
    /** Where the version goes in the code, until the code's digest gives it. */
    private static final String VERSION_MARK = "<version>";

    static ScriptLibrary of(Collection<LuaScript> scripts) {
        StringBuilder code = new StringBuilder("#!lua name=helpline_").append(VERSION_MARK).append('\n')
                .append(LuaScript.PRELUDE).append('\n');
        for (LuaScript script : scripts.stream().sorted(Comparator.comparing(LuaScript::name)).toList()) {
            if (script.text().contains(VERSION_MARK)) {
                throw new IllegalStateException(script.name() + ".lua: " + VERSION_MARK + " is kept for the version");
            }
            code.append("\n-- ").append(script.name()).append(".lua\nredis.register_function{function_name = '")
                    .append(script.name()).append('_').append(VERSION_MARK).append("', flags = {")
                    .append(flags(script.flags())).append("}, callback = function(KEYS, ARGV)\n")
                    .append(script.text()).append("\nend}\n");
        }
        String template = code.toString();
        String version = Digests.sha1(template).substring(0, 16);
        return new ScriptLibrary(version, template.replace(VERSION_MARK, version));
    }

    /** The name of {@code script}'s function in this library. */
    String function(LuaScript script) {
        return script.name() + "_" + version;
    }

    private static String flags(List<String> flags) {
        return flags.stream().map(flag -> "'" + flag + "'").collect(Collectors.joining(", "));
    }
}
