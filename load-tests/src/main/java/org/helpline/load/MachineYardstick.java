package org.helpline.load;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Two figures measured before a run that tell one machine from another, so that runs made on different machines can
 * be compared: the speed of one core (SHA-256 of 64 MB, best of three) and the cost of memory a process touches for
 * the first time (a fresh 256 MB, zeroed). On some virtual machines the second is ten times a bare machine's, and
 * every JVM of a run pays it as its heap grows (docs/performance.md, "Machines differ").
 */
record MachineYardstick(double sha256MillisPer64Megabytes, double firstTouchSecondsPerGigabyte) {
    private static final int MEGABYTE = 1 << 20;
    private static final int HASHED = 64 * MEGABYTE;
    private static final int TOUCHED = 256 * MEGABYTE;

    static MachineYardstick measure() {
        return new MachineYardstick(hashMillis(), touchSeconds());
    }

    private static double hashMillis() {
        byte[] block = new byte[MEGABYTE];
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long start = System.nanoTime();
            for (int done = 0; done < HASHED; done += block.length) {
                sha256.update(block);
            }
            sha256.digest();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best / 1e6;
    }

    private static double touchSeconds() {
        long start = System.nanoTime();
        ByteBuffer fresh = ByteBuffer.allocateDirect(TOUCHED); // new pages, zeroed: each one touched once
        long spent = System.nanoTime() - start;
        fresh.put(0, (byte) 1);
        return spent / 1e9 * (1024.0 * MEGABYTE / TOUCHED);
    }

    /** For the report's machine line. */
    String describe() {
        return String.format(Locale.ROOT, "one core hashes 64 MB (SHA-256) in %.0f ms; memory first touched costs "
                + "%.2f s per GB", sha256MillisPer64Megabytes, firstTouchSecondsPerGigabyte);
    }
}
