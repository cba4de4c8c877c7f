package org.vitrine.generator.site;

import com.vladsch.flexmark.html.AttributeProvider;
import com.vladsch.flexmark.html.IndependentAttributeProviderFactory;
import com.vladsch.flexmark.html.renderer.LinkResolverContext;
import com.vladsch.flexmark.util.html.Attribute;
import org.jsoup.nodes.Element;
import org.vitrine.core.content.UrlPolicy;

/**
 * The {@link UrlPolicy} applied to the addresses of markdown's HTML, through the extension
 * points of both libraries that write it: flexmark's attribute providers see every link's and
 * image's address as it is written out, and jsoup's safelist every attribute of raw HTML. An
 * address the policy refuses is dropped, leaving the link's text or the image's description.
 */
final class SafeAddresses {

    private SafeAddresses() {
    }

    /** The policy of an attribute that holds an address, or null for any other attribute. */
    static UrlPolicy policyOf(String attribute) {
        return switch (attribute) {
            case "href", "cite" -> UrlPolicy.LINK;
            case "src" -> UrlPolicy.IMAGE;
            default -> null;
        };
    }

    /** Drops from each element flexmark writes an address the policy refuses. */
    static final IndependentAttributeProviderFactory FACTORY = new IndependentAttributeProviderFactory() {
        @Override
        public AttributeProvider apply(LinkResolverContext context) {
            return (node, part, attributes) -> {
                for (String name : new String[] {"href", "src"}) {
                    Attribute address = attributes.get(name);
                    if (address != null && !policyOf(name).allows(address.getValue())) {
                        attributes.remove(name);
                    }
                }
            };
        }
    };

    /**
     * A jsoup safelist whose address attributes are judged by the URL policy alone: the
     * protocols of the safelist it is made from are dropped, so relative addresses are kept as
     * written and nothing else decides.
     */
    static final class Safelist extends org.jsoup.safety.Safelist {

        Safelist(org.jsoup.safety.Safelist tags) {
            super(tags.removeProtocols("a", "href", "ftp", "http", "https", "mailto")
                    .removeProtocols("blockquote", "cite", "http", "https")
                    .removeProtocols("cite", "cite", "http", "https")
                    .removeProtocols("q", "cite", "http", "https")
                    .removeProtocols("img", "src", "http", "https"));
        }

        @Override
        public boolean isSafeAttribute(String tagName, Element element, org.jsoup.nodes.Attribute attribute) {
            if (!super.isSafeAttribute(tagName, element, attribute)) {
                return false;
            }
            UrlPolicy policy = policyOf(attribute.getKey());
            return policy == null || policy.allows(attribute.getValue());
        }
    }
}
