package org.helpline.load;

import java.util.Optional;

/**
 * What the generator drives: the server's URL, its Redis (to count commands and CPU, when reachable from here) and its
 * process (to read its CPU time, when the generator started it or was given {@code --server-pid}).
 */
record Target(String url, Optional<String> redisUrl, Optional<ProcessHandle> server) {
}
