package org.vitrine.core.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses that could run script or carry a document are refused everywhere, however they are spelled. */
class UrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\u0001javascript:alert(1)",
            "java\tscript:alert(1)", "java\nscript:alert(1)", "jav\r\nascript:alert(1)", "javascript\t:alert(1)",
            "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "DATA:image/svg+xml,<svg onload=alert(1)>",
            "livescript:alert(1)", "file:///etc/passwd", "x-unknown+scheme:whatever"})
    void scriptsDocumentsAndUnknownSchemesAreRefusedEverywhere(String url) {
        for (UrlPolicy policy : UrlPolicy.values()) {
            assertFalse(policy.allows(url), policy + " " + url);
        }
    }

    @Test
    void eachUseTakesItsOwnSchemes() {
        assertTrue(UrlPolicy.WEB.allows("https://example.org/atlas/"));
        assertTrue(UrlPolicy.WEB.allows("HTTP://example.org"));
        assertFalse(UrlPolicy.WEB.allows("mailto:curator@example.org"));
        assertFalse(UrlPolicy.WEB.allows("/relative/path"));
        assertFalse(UrlPolicy.WEB.allows("https:relative"), "no host");
        assertFalse(UrlPolicy.WEB.allows("https://example.org/\"><script>alert(1)</script>"), "not a URI");
        assertFalse(UrlPolicy.WEB.allows("https://exa mple.org/"));
        assertTrue(UrlPolicy.CONTACT.allows("mailto:curator@example.org"));
        assertTrue(UrlPolicy.CONTACT.allows("https://example.org/contact"));
        assertFalse(UrlPolicy.CONTACT.allows("curator@example.org"), "an address is made a mailto: link first");
        assertTrue(UrlPolicy.LINK.allows("../other/"));
        assertTrue(UrlPolicy.LINK.allows("#section"));
        assertTrue(UrlPolicy.LINK.allows("mailto:someone@example.org"));
        assertTrue(UrlPolicy.LINK.allows("%6Aavascript:alert(1)"), "an encoded scheme is a relative path");
        assertTrue(UrlPolicy.IMAGE.allows("figure.png"));
        assertFalse(UrlPolicy.IMAGE.allows("mailto:someone@example.org"));
        assertFalse(UrlPolicy.LINK.allows(null));
    }

    @Test
    void theSchemeIsReadAsBrowsersReadIt() {
        assertEquals("javascript", UrlPolicy.schemeOf("  Java\tScript:x"));
        assertEquals("https", UrlPolicy.schemeOf("https://example.org"));
        assertNull(UrlPolicy.schemeOf("files/a:b.h5"), "a ':' after a '/' is in the path");
        assertNull(UrlPolicy.schemeOf("1http:x"), "a scheme starts with a letter");
        assertNull(UrlPolicy.schemeOf(":x"));
        assertNull(UrlPolicy.schemeOf("ｊavascript:x"), "full-width letters are no scheme");
    }
}
