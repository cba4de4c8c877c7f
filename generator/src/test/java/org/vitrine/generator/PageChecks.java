package org.vitrine.generator;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every page of the site must do in a browser, whatever address it was reached by. */
public final class PageChecks {

    private PageChecks() {
    }

    /**
     * The page in {@code browser} is the 404 page, has its stylesheet, and every link, the search
     * form and the skip link lead into the site at {@code root} (or stay on the page).
     */
    @SuppressWarnings("unchecked")
    public static void assertNotFoundPageLeadsInto(Chromium browser, String root) {
        browser.waiting().until(d -> "solid".equals(browser.script(
                "return getComputedStyle(document.querySelector('.site-header')).borderBottomStyle")));
        assertTrue(browser.driver().getTitle().startsWith("Page not found"), browser.driver().getTitle());
        List<String> links = (List<String>) browser.script("""
                return [...document.querySelectorAll('a[href]')].filter(a => !a.getAttribute('href').startsWith('#')
                  && !/^[a-z]+:/.test(a.getAttribute('href'))).map(a => a.href)""");
        assertTrue(links.size() >= 5, links.toString());
        for (String link : links) {
            assertTrue(link.startsWith(root), link + " leads out of the site at " + root);
        }
        assertTrue(links.contains(root + "datasets/"), links.toString());
        assertEquals(root + "search/", browser.script("return document.querySelector('form[role=search]').action"));
        assertEquals(browser.driver().getCurrentUrl().replaceFirst("#.*", "") + "#main",
                browser.script("return document.querySelector('.skip-link').href"), "the skip link stays on the page");
    }
}
