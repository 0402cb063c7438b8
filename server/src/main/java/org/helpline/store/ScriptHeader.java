package org.helpline.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KEYS and ARGV a script declares in its header comment, one a line: {@code -- KEYS[1] conversation: what it is}.
 * {@code [n...]} declares a list of any length (the rest of KEYS or ARGV); a further list after it is written
 * {@code [...]}, and the script finds where it starts from its other arguments. Callers name what they pass (see
 * {@link ScriptCall}); this header puts it in its places and refuses a name it does not declare or one left out.
 */
record ScriptHeader(List<Parameter> keys, List<Parameter> args) {
    private static final Pattern DECLARATION = Pattern.compile(
            "-- (KEYS|ARGV)\\[(\\d*)(\\.\\.\\.)?] ([a-z][A-Za-z0-9]*)(: .*)?");
    private static final Pattern USE = Pattern.compile("\\b(KEYS|ARGV)\\[(\\d+)]");

    /** One declared name; a list takes any number of values. */
    record Parameter(String name, boolean list) {
    }

    /**
     * Reads the header of a script's own text (without the prelude) and checks that the body uses no KEYS[n] or
     * ARGV[n] beyond what the header declares.
     */
    static ScriptHeader parse(String script, String text) {
        List<Parameter> keys = new ArrayList<>();
        List<Parameter> args = new ArrayList<>();
        String[] lines = text.split("\n");
        int line = 0;
        for (; line < lines.length && lines[line].startsWith("--"); line++) {
            if (!lines[line].startsWith("-- KEYS[") && !lines[line].startsWith("-- ARGV[")) {
                continue;
            }
            Matcher declaration = DECLARATION.matcher(lines[line]);
            if (!declaration.matches()) {
                throw malformed(script, lines[line], "write it '-- KEYS[n] name: what it is'");
            }
            declare("KEYS".equals(declaration.group(1)) ? keys : args, declaration, script);
        }
        ScriptHeader header = new ScriptHeader(List.copyOf(keys), List.copyOf(args));
        header.checkUses(script, String.join("\n", List.of(lines).subList(line, lines.length)));
        return header;
    }

    /** Adds one declaration: indices count up from 1, a list comes last (or after another list), names once. */
    private static void declare(List<Parameter> declared, Matcher declaration, String script) {
        boolean list = declaration.group(3) != null;
        String index = declaration.group(2);
        String name = declaration.group(4);
        boolean afterList = !declared.isEmpty() && declared.get(declared.size() - 1).list();
        if (afterList ? !list || !index.isEmpty() : !index.equals(Integer.toString(declared.size() + 1))) {
            throw malformed(script, declaration.group(), afterList ? "after a list only '[...]' lists may follow"
                    : "expected index " + (declared.size() + 1));
        }
        if (declared.stream().anyMatch(parameter -> parameter.name().equals(name))) {
            throw malformed(script, declaration.group(), "each name once");
        }
        declared.add(new Parameter(name, list));
    }

    /** The keys given by name, in the header's order. */
    String[] layOutKeys(String script, Map<String, List<String>> given) {
        return layOut(script, "KEYS", keys, given);
    }

    /** The arguments given by name, in the header's order. */
    String[] layOutArgs(String script, Map<String, List<String>> given) {
        return layOut(script, "ARGV", args, given);
    }

    private static String[] layOut(String script, String kind, List<Parameter> declared,
                                   Map<String, List<String>> given) {
        List<String> values = new ArrayList<>();
        for (Parameter parameter : declared) {
            List<String> value = given.get(parameter.name());
            if (value == null) {
                throw new IllegalArgumentException(script + ": " + kind + " " + parameter.name()
                        + " is declared in its header but not given");
            }
            if (!parameter.list() && value.size() != 1) {
                throw new IllegalArgumentException(script + ": " + kind + " " + parameter.name()
                        + " takes one value, given " + value.size());
            }
            values.addAll(value);
        }
        if (given.size() > declared.size()) { // every declared name was given: one more is not declared
            Set<String> names = new HashSet<>();
            declared.forEach(parameter -> names.add(parameter.name()));
            String extra = given.keySet().stream().filter(name -> !names.contains(name)).findFirst().orElseThrow();
            throw new IllegalArgumentException(script + ": " + kind + " " + extra + " is not in its header");
        }
        return values.toArray(String[]::new);
    }

    /** A literal KEYS[n] or ARGV[n] in the body must be one the header declares before any list. */
    private void checkUses(String script, String body) {
        Matcher use = USE.matcher(body);
        while (use.find()) {
            List<Parameter> declared = "KEYS".equals(use.group(1)) ? keys : args;
            long single = declared.stream().takeWhile(parameter -> !parameter.list()).count();
            if (Integer.parseInt(use.group(2)) > single) {
                throw malformed(script, use.group(), "its header declares " + single + " single " + use.group(1));
            }
        }
    }

    private static IllegalStateException malformed(String script, String what, String expected) {
        return new IllegalStateException("script " + script + ": " + what + ": " + expected);
    }
}
