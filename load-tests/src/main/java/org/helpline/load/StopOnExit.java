package org.helpline.load;

/**
 * Processes a run started, stopped when the run ends ({@link #close}) or, if the generator exits first (Ctrl-C,
 * SIGTERM, a run stopped for want of open files), by a shutdown hook, so that nothing is left running.
 */
final class StopOnExit implements AutoCloseable {
    private final Runnable stop;
    private final Thread hook;

    /** {@code stop} must be safe to run twice. */
    StopOnExit(String name, Runnable stop) {
        this.stop = stop;
        this.hook = new Thread(stop, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
