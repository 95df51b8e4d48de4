package org.scgmvae.cli;

import org.scgmvae.core.model.LossTerms;
import org.scgmvae.core.task.CancellationToken;
import org.scgmvae.core.task.Progress;
import org.scgmvae.core.train.EpochReport;
import org.scgmvae.core.train.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr (only on an interactive terminal: redirected output would fill
 * with carriage-return frames) plus one summary line every {@code every} epochs.
 */
final class ConsoleProgress implements TrainingListener {

    private final PrintStream err;
    private final int every;
    private final boolean interactive;
    private long lastDraw;

    ConsoleProgress(PrintStream err, int every) {
        this.err = err;
        this.every = Math.max(1, every);
        this.interactive = System.console() != null;
    }

    /** The bar for the other long commands (predict, encode, flip, generate, leiden); Ctrl-C stops them. */
    static Progress forCommand() {
        ConsoleProgress bar = new ConsoleProgress(System.err, 1);
        boolean[] ended = {false};
        return Progress.of((fraction, message) -> {
            bar.onProgress(fraction, message);
            if (fraction >= 1 && bar.interactive && !ended[0]) {
                ended[0] = true;
                bar.err.println(); // the finished bar keeps its line; what the command prints next starts on its own
            }
        }, CancellationToken.NEVER);
    }

    @Override
    public void onProgress(double fraction, String message) {
        if (!interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && fraction < 1) {
            return; // redraw at most 10 times a second
        }
        lastDraw = now;
        int width = 30;
        int filled = (int) Math.round(Math.min(1, fraction) * width);
        err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %s   ", "#".repeat(filled), " ".repeat(width - filled), fraction * 100, message);
        err.flush();
    }

    @Override
    public void onEpoch(EpochReport r) {
        if (r.epoch() % every != 0 && r.epoch() != 1) {
            return;
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%sepoch %3d  loss %9.3f", interactive ? "\r" : "", r.epoch(), r.trainLoss()));
        for (String t : LossTerms.NAMES.subList(1, LossTerms.NAMES.size())) {
            sb.append(String.format(Locale.ROOT, "  %s %.3f", t, r.train().getOrDefault(t, Double.NaN)));
        }
        if (!r.validation().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "  | val loss %.3f", r.validationLoss()));
        }
        if (!Double.isNaN(r.validationAccuracy())) {
            sb.append(String.format(Locale.ROOT, "  val acc %.3f", r.validationAccuracy()));
        }
        sb.append(String.format(Locale.ROOT, "  (%.1fs)", r.seconds()));
        err.println(interactive ? sb + "          " : sb.toString());
    }

    @Override
    public void onRestartFinished(int index, int of, long seed, double loss) {
        err.printf(Locale.ROOT, "%srestart %d/%d (seed %d): loss %.3f%n", interactive ? "\n" : "", index + 1, of, seed, loss);
    }

    @Override
    public void onNote(String message) {
        err.println((interactive ? "\n" : "") + "note: " + message);
    }

    @Override
    public void onWarning(String message) {
        err.println((interactive ? "\n" : "") + "warning: " + message);
    }

    @Override
    public void onRecovery(int epoch, String reason) {
        err.println("\nwarning: " + reason);
    }
}
