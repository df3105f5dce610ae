package org.kam.stack;

import java.io.PrintStream;

/**
 * A one-line progress bar: redrawn in place on a terminal; on anything else (a log, a CI run) one
 * line every ten seconds, so the output stays readable.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final boolean terminal = System.console() != null;
    private long lastLine;
    private String detail = "";

    ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** Words after the bar, e.g. each part's share. */
    void detail(String detail) {
        this.detail = detail;
    }

    void show(long done, long total) {
        if (terminal) {
            out.print("\r" + line(done, total));
            out.flush();
        } else if (System.nanoTime() - lastLine > 10_000_000_000L) {
            lastLine = System.nanoTime();
            out.println(line(done, total));
        }
    }

    void finish(long done, long total) {
        out.print(terminal ? "\r" + line(done, total) + System.lineSeparator() : line(done, total) + System.lineSeparator());
        out.flush();
    }

    String line(long done, long total) {
        double share = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(share * WIDTH);
        return "  %-14s [%s%s] %3.0f %% (%,d/%,d)%s".formatted(label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                share * 100, done, total, detail.isEmpty() ? "" : "  " + detail);
    }
}
