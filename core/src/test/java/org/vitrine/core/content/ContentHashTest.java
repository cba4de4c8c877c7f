package org.vitrine.core.content;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentHashTest {

    @Test
    void aKeyIsThirtyTwoHexDigitsAndTheSameForTheSameBytesHoweverTheyAreGiven() {
        String whole = ContentHash.of("id: ds-1\ntitle: Lysozyme\n");
        assertTrue(whole.matches("[0-9a-f]{32}"), whole);
        assertEquals(whole, new ContentHash().add("id: ds-1\n").add("title: ").add("Lysozyme\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex());
        // The same in every run and on every machine: keys are kept between builds.
        assertEquals("d5afba1336a3be4b5a68f3b1643c966f", ContentHash.of(""));
    }

    @Test
    void aOneCharacterEditChangesTheKey() {
        String text = "Synthetic dataset 17: cell of lysozyme recorded for the bake benchmark.".repeat(20);
        Set<String> keys = new HashSet<>();
        keys.add(ContentHash.of(text));
        for (int i = 0; i < text.length(); i++) {
            char[] edited = text.toCharArray();
            edited[i]++;
            assertTrue(keys.add(ContentHash.of(new String(edited))), "edit at " + i);
        }
        assertNotEquals(ContentHash.of("ab"), ContentHash.of("ba"));
    }
}
