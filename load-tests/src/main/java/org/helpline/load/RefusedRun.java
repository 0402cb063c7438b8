package org.helpline.load;

/**
 * A run the generator refuses before it starts (a command line it cannot follow, or more sockets than the machine
 * allows): {@link LoadMain} prints the reason alone, with no stack trace, and exits with status 2.
 */
final class RefusedRun extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedRun(String reason) {
        super(reason);
    }
}
