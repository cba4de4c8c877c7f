package org.vitrine.api.h5grove;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class AnswerCacheTest {

    private static AnswerCache.Key key(String query, long modified) {
        return new AnswerCache.Key(Path.of("f.h5"), 10, modified, "data", query);
    }

    private static AnswerCache.Answer answer(int bytes) {
        return new AnswerCache.Answer(new byte[bytes], "application/octet-stream", null);
    }

    @Test
    void keepsAnswersWithinItsBoundLeastRecentlyUsedFirstOut() {
        AnswerCache cache = new AnswerCache(800);
        AnswerCache.Answer a = answer(100);
        cache.put(key("a", 1), a);
        for (int i = 0; i < 7; i++) {
            cache.put(key("b" + i, 1), answer(100));
        }
        assertSame(a, cache.get(key("a", 1)), "a was used last, so b0 goes first");
        cache.put(key("c", 1), answer(100));
        assertNull(cache.get(key("b0", 1)));
        assertSame(a, cache.get(key("a", 1)));
        assertEquals(800, cache.sizeInBytes());
    }

    @Test
    void anotherVersionOfTheFileIsAnotherQuestion() {
        AnswerCache cache = new AnswerCache(1000);
        cache.put(key("a", 1), answer(10));
        assertNull(cache.get(key("a", 2)));
        assertNull(cache.get(new AnswerCache.Key(Path.of("f.h5"), 10, 1, "meta", "a")));
    }

    @Test
    void largeAnswersAndAZeroBoundKeepNothing() {
        AnswerCache cache = new AnswerCache(800);
        cache.put(key("big", 1), answer(101));
        assertNull(cache.get(key("big", 1)));
        AnswerCache off = new AnswerCache(0);
        off.put(key("a", 1), answer(0));
        assertNull(off.get(key("a", 1)));
        assertEquals(0, off.sizeInBytes());
    }
}
