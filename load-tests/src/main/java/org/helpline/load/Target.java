package org.helpline.load;

import java.util.Optional;

/**
 * What the generator drives: the server's URL, its Redis (to count commands and CPU, when reachable from here) and its
 * process (to read its CPU time, when the generator started it or was given {@code --server-pid}); and whether its
 * visitors and consoles send refused frames again as the pages do ({@code --resend}, see {@link Resends}).
 */
record Target(String url, Optional<String> redisUrl, Optional<ProcessHandle> server, boolean resends) {

    Target resending(boolean again) {
        return new Target(url, redisUrl, server, again);
    }
}
