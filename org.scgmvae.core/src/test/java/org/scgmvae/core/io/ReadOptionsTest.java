package org.scgmvae.core.io;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which layers a reader loads, and under which name. */
class ReadOptionsTest {

    @Test
    void theCountsLayerIsReadAsCountsWhateverItsName() {
        ReadOptions defaults = ReadOptions.defaults();
        assertEquals("counts", defaults.readAs("counts"));
        assertNull(defaults.readAs("raw_counts"), "only the counts layer by default");

        ReadOptions named = defaults.withCountsLayer("raw_counts");
        assertEquals("counts", named.readAs("raw_counts"));
        assertNull(named.readAs("counts"), "a 'counts' layer beside it would take the same name");
        assertNull(named.readAs("spliced"));

        ReadOptions all = new ReadOptions(false, false, Set.of("*")).withCountsLayer("raw_counts");
        assertEquals("counts", all.readAs("raw_counts"));
        assertEquals("spliced", all.readAs("spliced"));
        assertNull(all.readAs("counts"));
        assertNull(new ReadOptions(false, false, Set.of()).readAs("counts"), "no layers asked for");
        assertThrows(IllegalArgumentException.class, () -> defaults.withCountsLayer(" "));
    }
}
