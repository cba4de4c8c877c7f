package org.vitrine.core.hdf5;

/** Which soft and external links to follow when describing an object, as h5grove's {@code resolve_links}. */
public enum LinkResolution {
    /** Describe links as links. */
    NONE,
    /** Follow links whose target exists; describe broken ones as links. */
    ONLY_VALID,
    /** Follow every link; a broken one is an error. */
    ALL;

    /** Parses h5grove's query value ({@code none}, {@code only_valid}, {@code all}, or the legacy {@code true}/{@code false}); null gives ONLY_VALID. */
    public static LinkResolution parse(String value) {
        if (value == null) {
            return ONLY_VALID;
        }
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "all":
            case "true":
                return ALL;
            case "none":
            case "false":
                return NONE;
            case "only_valid":
                return ONLY_VALID;
            default:
                throw new IllegalArgumentException(value + " is not a valid value for link resolution. Accepted values are: all, none or only_valid");
        }
    }
}
