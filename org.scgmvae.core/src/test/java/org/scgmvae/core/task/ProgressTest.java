package org.scgmvae.core.task;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgressTest {

    @Test
    void aSubRangeMapsItsZeroToOneIntoTheParentsRange() {
        List<Double> seen = new ArrayList<>();
        Progress p = Progress.of((f, m) -> seen.add(f), CancellationToken.NEVER);
        Progress second = p.sub(0.5, 1).sub(0.2, 0.6);
        second.report(0, "a");
        second.report(0.5, "b");
        second.report(1, "c");
        second.report(7, "clamped");
        assertEquals(List.of(0.6, 0.7, 0.8, 0.8), seen.stream().map(d -> Math.round(d * 1e9) / 1e9).toList());
    }

    @Test
    void stepReportsTheShareAndStopsWhenCancelled() {
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        Progress p = Progress.of((f, m) -> seen.add(f + " " + m), cancel::get).sub(0, 0.5);
        p.step(1, 4, "chunk");
        assertEquals(List.of("0.125 chunk"), seen);
        cancel.set(true);
        assertThrows(CancelledException.class, () -> p.step(2, 4, "chunk"));
        assertEquals(1, seen.size(), "nothing reported once cancelled");
        assertThrows(CancelledException.class, () -> Progress.cancelledBy(cancel::get).check());
        Progress.NONE.step(1, 1, "never cancelled");
    }
}
